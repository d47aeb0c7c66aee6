package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.payload.VerifiedPayload;
import java.io.IOException;

/**
 * Stores a request body in the blob store and reports a failed check of the body as the S3 error it
 * is, whatever the store wrapped it in. A body that fails a check never gets an object or part
 * record, so nothing of it becomes visible through the S3 API.
 */
final class BlobWriter {

    private final BlobStore blobs;

    BlobWriter(BlobStore blobs) {
        this.blobs = blobs;
    }

    BlobStore.StoredBlob store(String bucket, VerifiedPayload body)
            throws S3Exception, IOException {
        BlobStore.StoredBlob blob;
        try {
            blob = blobs.put(bucket, body);
            body.finish();
        } catch (IOException e) {
            if (body.rejection().isPresent()) {
                throw body.rejection().get();
            }
            throw e;
        }
        if (blob.size() != body.length()) {
            throw new IOException(
                    "the blob store kept "
                            + blob.size()
                            + " bytes of a "
                            + body.length()
                            + "-byte body as "
                            + blob.cid());
        }
        return blob;
    }
}
