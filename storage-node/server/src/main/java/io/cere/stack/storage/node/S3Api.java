package io.cere.stack.storage.node;

import com.sun.net.httpserver.HttpHandler;
import io.cere.stack.storage.s3.S3Handler;
import io.cere.stack.storage.s3.S3Options;
import io.cere.stack.storage.s3.auth.Credentials;
import io.cere.stack.storage.s3.backend.ActivityListener;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.backend.MetadataIndex;
import java.util.List;
import java.util.Objects;

/**
 * The S3-compatible API ({@link S3Handler}) mounted on a node, over the node's erasure-coded blob
 * store and replicated metadata index, so an object written through one node is read through any
 * other.
 */
public final class S3Api implements S3Mount {

    private final Credentials credentials;
    private final S3Options options;
    private final ActivityListener activity;

    public S3Api(Credentials credentials, S3Options options, ActivityListener activity) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.options = Objects.requireNonNull(options, "options");
        this.activity = Objects.requireNonNull(activity, "activity");
    }

    @Override
    public HttpHandler handler(BlobStore blobs, MetadataIndex index) {
        return new S3Handler(blobs, index, activity, credentials, options);
    }

    @Override
    public List<String> baseDomains() {
        return options.baseDomains();
    }

    @Override
    public ActivityListener activity() {
        return activity;
    }

    @Override
    public String toString() {
        return "S3 API with " + credentials + ", " + options;
    }
}
