package io.cere.stack.storage.node.manifest;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.DagCbor;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an object's CID is the hash of. An object of at most one segment is addressed by the raw CID
 * of its bytes, the CID IPFS gives the same bytes ({@code ipfs add --cid-version=1 --raw-leaves},
 * for files of one chunk). A larger object is addressed by the CID of a DAG-CBOR block that lists
 * its segments in order:
 *
 * <pre>{@code {"size": <total bytes>, "segments": [{"cid": <segment CID>, "size": <bytes>}, ...]}}
 * </pre>
 *
 * <p>Segment CIDs are raw CIDs of the segment bytes, so a client that has this block and the
 * segments checks every byte it got against the object CID.
 *
 * <p>A <em>block</em> is stored bytes that are themselves a structured document, such as the
 * DAG-CBOR list of a multipart object's parts. It is always one segment, and its CID is the hash of
 * its bytes under the document's codec ({@link #blockCid}), as IPFS addresses a block. A single
 * segment whose CID is not raw is therefore a block: plain objects of one segment are raw.
 */
public final class ObjectRoot {

    private ObjectRoot() {}

    /** The CID of an object stored as {@code segments}, hashed with {@code algorithm}. */
    public static Cid objectCid(HashAlgorithm algorithm, List<StoredSegment> segments) {
        if (segments.isEmpty()) {
            return Cid.of(Multicodec.RAW, algorithm, new byte[0]);
        }
        if (segments.size() == 1) {
            return segments.get(0).cid();
        }
        return Cid.of(Multicodec.DAG_CBOR, algorithm, encode(segments));
    }

    /** The CID of a block of {@code codec} stored as the one segment {@code segment}. */
    public static Cid blockCid(Multicodec codec, StoredSegment segment) {
        if (codec == Multicodec.RAW) {
            throw new IllegalArgumentException("a block's codec is not raw; raw bytes are objects");
        }
        return Cid.of(codec, segment.cid().multihash());
    }

    /**
     * The CID that {@code segments} hash to when stored as {@code object}: its block CID when
     * {@code object} names a block, else its object CID.
     */
    public static Cid expectedCid(
            Cid object, HashAlgorithm algorithm, List<StoredSegment> segments) {
        if (object.codec() != Multicodec.RAW && segments.size() == 1) {
            return blockCid(object.codec(), segments.get(0));
        }
        return objectCid(algorithm, segments);
    }

    /** The DAG-CBOR root block of an object of more than one segment. */
    public static byte[] encode(List<StoredSegment> segments) {
        return DagCbor.encode(document(segments));
    }

    /** The root block as a document ({@link DagCbor} values), for the proof endpoint. */
    public static Map<String, Object> document(List<StoredSegment> segments) {
        List<Object> list = new ArrayList<>(segments.size());
        long size = 0;
        for (StoredSegment segment : segments) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("cid", segment.cid());
            entry.put("size", (long) segment.length());
            list.add(entry);
            size += segment.length();
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("size", size);
        root.put("segments", list);
        return root;
    }
}
