package io.cere.stack.storage.s3;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.DagCbor;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.catalog.PartRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CID of an object uploaded in parts: the CID of a DAG-CBOR block that links its parts in
 * order, so the object is verifiable part by part. This is the one place that decides it.
 *
 * <pre>{@code {"size": <total bytes>, "parts": [{"cid": <part CID>, "size": <bytes>}, ...]}}</pre>
 *
 * <p>Part CIDs are links (CBOR tag 42). The block is stored as a blob, so {@code GET
 * /cas/<bucket>/<cid>} returns it and each part reads back by its own CID.
 */
final class MultipartObjectCid {

    private MultipartObjectCid() {}

    static String of(BlobStore blobs, String bucket, List<PartRef> parts) throws IOException {
        return blobs.putBlock(bucket, Multicodec.DAG_CBOR, partList(parts)).cid();
    }

    static byte[] partList(List<PartRef> parts) {
        List<Object> list = new ArrayList<>(parts.size());
        long size = 0;
        for (PartRef part : parts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("cid", Cid.parse(part.cid()));
            entry.put("size", part.size());
            list.add(entry);
            size += part.size();
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("size", size);
        document.put("parts", list);
        return DagCbor.encode(document);
    }
}
