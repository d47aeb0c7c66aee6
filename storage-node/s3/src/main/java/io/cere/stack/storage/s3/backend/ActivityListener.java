package io.cere.stack.storage.s3.backend;

/**
 * Told of every PUT, GET and DELETE a node served, once the response was sent. The node turns these
 * into signed activity records.
 */
@FunctionalInterface
public interface ActivityListener {

    /** What was served. */
    enum Operation {
        PUT,
        GET,
        DELETE
    }

    /**
     * @param bytes bytes stored (PUT), delivered (GET) or released (DELETE)
     * @param requestId the id the response carried in {@code x-amz-request-id}
     */
    void served(Operation operation, String bucket, String cid, long bytes, String requestId);

    ActivityListener NONE = (operation, bucket, cid, bytes, requestId) -> {};
}
