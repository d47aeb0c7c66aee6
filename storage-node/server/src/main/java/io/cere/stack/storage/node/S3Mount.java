package io.cere.stack.storage.node;

import com.sun.net.httpserver.HttpHandler;
import io.cere.stack.storage.s3.backend.ActivityListener;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.backend.MetadataIndex;
import java.util.List;

/**
 * How a node mounts the S3 API at {@code /} (below its own paths): a handler made over the node's
 * blob store and metadata index, the base domains it takes virtual-host-style requests for, and who
 * is told of the requests served.
 */
public interface S3Mount {

    /** The S3 API's handler over the node's stores; null for a node without it. */
    HttpHandler handler(BlobStore blobs, MetadataIndex index);

    /** Host names under which {@code <bucket>.<domain>} addresses a bucket. */
    default List<String> baseDomains() {
        return List.of();
    }

    /** Told of every PUT, GET and DELETE served, by the native API as well as the S3 API. */
    default ActivityListener activity() {
        return ActivityListener.NONE;
    }

    /** No S3 API: paths other than the node's own answer 404. */
    S3Mount NONE = (blobs, index) -> null;

    /** No S3 API; the native API's requests are told to {@code activity}. */
    static S3Mount none(ActivityListener activity) {
        return new S3Mount() {
            @Override
            public HttpHandler handler(BlobStore blobs, MetadataIndex index) {
                return null;
            }

            @Override
            public ActivityListener activity() {
                return activity;
            }

            @Override
            public String toString() {
                return "off";
            }
        };
    }
}
