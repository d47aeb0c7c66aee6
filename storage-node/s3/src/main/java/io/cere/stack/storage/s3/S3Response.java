package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.backend.ActivityListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to answer: a status, headers, and either no body, a small XML body or an object's bytes; and
 * what to tell the {@link ActivityListener} once it has been sent.
 */
final class S3Response {

    static final String XML = "application/xml";

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] xml;
    private final ObjectContent content;
    private final List<Activity> activities = new ArrayList<>();

    private S3Response(int status, byte[] xml, ObjectContent content) {
        this.status = status;
        this.xml = xml;
        this.content = content;
    }

    static S3Response empty(int status) {
        return new S3Response(status, null, null);
    }

    static S3Response xml(int status, byte[] body) {
        return new S3Response(status, body, null).header("Content-Type", XML);
    }

    static S3Response content(int status, ObjectContent content) {
        return new S3Response(status, null, content);
    }

    S3Response header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    /** Adds an operation to report to the activity listener once the response has been sent. */
    S3Response activity(Activity activity) {
        activities.add(activity);
        return this;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The XML body, or {@code null}. */
    byte[] xml() {
        return xml;
    }

    /** The object's bytes to stream, or {@code null}. */
    ObjectContent content() {
        return content;
    }

    List<Activity> activities() {
        return activities;
    }

    /**
     * An operation to report.
     *
     * @param bytes bytes stored or released; for a GET, -1: the bytes actually delivered
     */
    record Activity(ActivityListener.Operation operation, String bucket, String cid, long bytes) {

        static Activity delivered(String bucket, String cid) {
            return new Activity(ActivityListener.Operation.GET, bucket, cid, -1);
        }
    }
}
