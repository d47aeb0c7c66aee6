package io.cere.stack.storage.node.manifest;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.DagCbor;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to read an object back from any node: its CID and size, the hash algorithm, the
 * code ({@code k}, {@code m}) and segment size it was written with, and for each segment its CID,
 * length, shard length, shard CIDs and the node each shard was written to. Stored as DAG-CBOR on
 * {@code m + 1} nodes:
 *
 * <pre>{@code
 * {"k": 4, "m": 2, "hash": "sha2-256", "size": 3145728, "object": <CID>, "segmentSize": 1048576,
 *  "segments": [{"cid": <CID>, "length": 1048576, "shardLength": 262144,
 *                "nodes": ["node-3", ...], "shards": [<CID>, ...]}, ...]}
 * }</pre>
 *
 * <p>A manifest is checked against the object it names ({@link #decode}): the segment CIDs and
 * lengths must hash to the object CID ({@link ObjectRoot}), or for a block its one segment to the
 * block's CID, so a damaged or forged manifest cannot make a read return other bytes. Shard CIDs
 * and placement are not covered by the object CID; a wrong one only makes a shard fail its hash
 * check.
 */
public record Manifest(
        Cid object,
        long size,
        HashAlgorithm hashAlgorithm,
        int k,
        int m,
        int segmentSize,
        List<StoredSegment> segments) {

    public Manifest {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        segments = List.copyOf(segments);
    }

    /** The segment holding byte {@code offset} of the object. */
    public int segmentAt(long offset) {
        return (int) (offset / segmentSize);
    }

    /** Where segment {@code index} starts in the object. */
    public long segmentOffset(int index) {
        return (long) index * segmentSize;
    }

    public byte[] encode() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("object", object);
        document.put("size", size);
        document.put("hash", hashAlgorithm.multihashName());
        document.put("k", (long) k);
        document.put("m", (long) m);
        document.put("segmentSize", (long) segmentSize);
        List<Object> list = new ArrayList<>(segments.size());
        for (StoredSegment segment : segments) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("cid", segment.cid());
            entry.put("length", (long) segment.length());
            entry.put("shardLength", (long) segment.shardLength());
            entry.put("shards", List.copyOf(segment.shards()));
            entry.put("nodes", List.copyOf(segment.nodes()));
            list.add(entry);
        }
        document.put("segments", list);
        return DagCbor.encode(document);
    }

    /**
     * Decodes and checks a manifest stored under {@code expected}.
     *
     * @throws InvalidManifestException when the bytes are not a manifest, or one that does not
     *     describe {@code expected}
     */
    public static Manifest decode(byte[] bytes, Cid expected) throws InvalidManifestException {
        Manifest manifest;
        try {
            Map<String, Object> document = DagCbor.decodeMap(bytes);
            List<StoredSegment> segments = new ArrayList<>();
            for (Object entry : field(document, "segments", List.class)) {
                if (!(entry instanceof Map<?, ?> map)) {
                    throw new InvalidManifestException("a segment entry is not a map");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> segment = (Map<String, Object>) map;
                segments.add(
                        new StoredSegment(
                                field(segment, "cid", Cid.class),
                                toInt(field(segment, "length", Long.class), "length"),
                                toInt(field(segment, "shardLength", Long.class), "shardLength"),
                                listOf(field(segment, "shards", List.class), Cid.class, "shards"),
                                listOf(
                                        field(segment, "nodes", List.class),
                                        String.class,
                                        "nodes")));
            }
            manifest =
                    new Manifest(
                            field(document, "object", Cid.class),
                            field(document, "size", Long.class),
                            HashAlgorithm.fromName(field(document, "hash", String.class)),
                            toInt(field(document, "k", Long.class), "k"),
                            toInt(field(document, "m", Long.class), "m"),
                            toInt(field(document, "segmentSize", Long.class), "segmentSize"),
                            segments);
        } catch (IllegalArgumentException e) {
            throw new InvalidManifestException(
                    "manifest of " + expected + " cannot be read: " + e.getMessage(), e);
        }
        if (!manifest.object().equals(expected)) {
            throw new InvalidManifestException(
                    "manifest stored as " + expected + " describes " + manifest.object());
        }
        manifest.check();
        return manifest;
    }

    /**
     * Checks that the manifest is self-consistent and that its segments hash to its object CID.
     *
     * @throws InvalidManifestException naming the first inconsistency
     */
    public void check() throws InvalidManifestException {
        if (k < 1 || m < 0 || segmentSize < 1) {
            throw new InvalidManifestException(
                    "manifest of "
                            + object
                            + " has k="
                            + k
                            + " m="
                            + m
                            + " segmentSize="
                            + segmentSize);
        }
        long total = 0;
        for (int i = 0; i < segments.size(); i++) {
            StoredSegment segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.length() > segmentSize || (!last && segment.length() != segmentSize)) {
                throw new InvalidManifestException(
                        String.format(
                                "manifest of %s: segment %d has %d bytes; expected %s %d",
                                object,
                                i,
                                segment.length(),
                                last ? "at most" : "exactly",
                                segmentSize));
            }
            if (segment.cid().codec() != Multicodec.RAW
                    || segment.cid().hashAlgorithm() != hashAlgorithm) {
                throw new InvalidManifestException(
                        "manifest of "
                                + object
                                + ": segment "
                                + i
                                + " CID "
                                + segment.cid()
                                + " is not a raw "
                                + hashAlgorithm
                                + " CID");
            }
            if (segment.shardLength() != StoredSegment.shardLength(segment.length(), k)
                    || segment.shards().size() != k + m) {
                throw new InvalidManifestException(
                        String.format(
                                "manifest of %s: segment %d has %d shards of %d bytes; expected %d"
                                        + " of %d",
                                object,
                                i,
                                segment.shards().size(),
                                segment.shardLength(),
                                k + m,
                                StoredSegment.shardLength(segment.length(), k)));
            }
            Set<String> nodes = new HashSet<>(segment.nodes());
            if (nodes.size() != segment.nodes().size()) {
                throw new InvalidManifestException(
                        "manifest of "
                                + object
                                + ": segment "
                                + i
                                + " places two shards on one node: "
                                + segment.nodes());
            }
            total += segment.length();
        }
        if (total != size) {
            throw new InvalidManifestException(
                    "manifest of "
                            + object
                            + " says "
                            + size
                            + " bytes but its segments hold "
                            + total);
        }
        Cid computed = ObjectRoot.expectedCid(object, hashAlgorithm, segments);
        if (!computed.equals(object)) {
            throw new InvalidManifestException(
                    "manifest of " + object + " lists segments that hash to " + computed);
        }
    }

    private static <T> T field(Map<String, Object> map, String name, Class<T> type)
            throws InvalidManifestException {
        Object value = map.get(name);
        if (!type.isInstance(value)) {
            throw new InvalidManifestException(
                    "manifest field "
                            + name
                            + " is "
                            + (value == null ? "missing" : value.getClass().getSimpleName())
                            + "; expected "
                            + type.getSimpleName());
        }
        return type.cast(value);
    }

    private static <T> List<T> listOf(List<?> list, Class<T> type, String name)
            throws InvalidManifestException {
        List<T> typed = new ArrayList<>(list.size());
        for (Object value : list) {
            if (!type.isInstance(value)) {
                throw new InvalidManifestException(
                        "manifest field "
                                + name
                                + " holds a "
                                + value
                                + "; expected "
                                + type.getSimpleName());
            }
            typed.add(type.cast(value));
        }
        return typed;
    }

    private static int toInt(long value, String name) throws InvalidManifestException {
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new InvalidManifestException("manifest field " + name + " is " + value);
        }
        return (int) value;
    }
}
