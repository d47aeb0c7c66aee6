package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.catalog.PartRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CID of an object uploaded in parts: the CID of a document that lists its parts' CIDs and
 * sizes in order, so the object is verifiable part by part. This is the one place that decides it.
 *
 * <p>The document is meant to be DAG-CBOR with its part CIDs as links (CBOR tag 42), addressed with
 * the dag-cbor codec. Until the content-addressing module provides that encoding, the list is
 * written as compact JSON ({@code {"parts":[{"cid":"b...","size":5242880},...]}}) and stored as a
 * raw blob, whose CID names the object; {@code GET /cas/<bucket>/<cid>} then returns the list.
 */
final class MultipartObjectCid {

    private MultipartObjectCid() {}

    static String of(BlobStore blobs, String bucket, List<PartRef> parts) throws IOException {
        return blobs.put(bucket, new ByteArrayInputStream(partList(parts))).cid();
    }

    static byte[] partList(List<PartRef> parts) {
        StringBuilder json = new StringBuilder("{\"parts\":[");
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            PartRef part = parts.get(i);
            json.append("{\"cid\":\"")
                    .append(part.cid())
                    .append("\",\"size\":")
                    .append(part.size())
                    .append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
