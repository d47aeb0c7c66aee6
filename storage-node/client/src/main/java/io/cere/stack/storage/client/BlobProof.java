package io.cere.stack.storage.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.DagCbor;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a node's {@code GET /cas/{bucket}/{cid}/proof} says about a blob, checked against its CID.
 *
 * <p>What the CID proves: an object of one segment is addressed by the raw CID of its bytes; a
 * larger one by the CID of a DAG-CBOR root block listing each segment's raw CID and size; a block
 * (a DAG-CBOR document stored as a blob, such as a multipart object's part list) by the dag-cbor
 * CID of its bytes, its one segment. So once the root block (or the one segment) hashes to the CID,
 * the {@link #segments()} (their CIDs, sizes and offsets) are the object's own, and each segment's
 * bytes can be checked as they arrive.
 *
 * <p>What only consistency proves: the manifest (code, shard CIDs, placement) is not covered by the
 * object CID. It is checked to hash to the manifest CID the proof names, to describe this object
 * with the same segments, and to list {@code k + m} raw shard CIDs of the right length per segment,
 * so a shard fetched from its node can be checked with {@link Shard#verifies}.
 */
public final class BlobProof {

    /** One shard of a segment: where it was written and what it must hash to. */
    public record Shard(int index, Cid cid, String node, URI url) {

        /** Whether {@code content} is this shard's bytes. */
        public boolean verifies(byte[] content) {
            return cid.verifies(content);
        }
    }

    /**
     * One segment: its place in the object, its CID (raw, of its bytes) and its shards in shard
     * order ({@code k} data, then {@code m} parity).
     */
    public record Segment(
            int index, long offset, int length, Cid cid, int shardLength, List<Shard> shards) {

        public Segment {
            shards = List.copyOf(shards);
        }

        /** Where the segment ends in the object (exclusive). */
        public long end() {
            return offset + length;
        }
    }

    private final Cid cid;
    private final long size;
    private final HashAlgorithm hash;
    private final int k;
    private final int m;
    private final int segmentSize;
    private final Cid manifestCid;
    private final List<Segment> segments;

    private BlobProof(
            Cid cid,
            long size,
            HashAlgorithm hash,
            int k,
            int m,
            int segmentSize,
            Cid manifestCid,
            List<Segment> segments) {
        this.cid = cid;
        this.size = size;
        this.hash = hash;
        this.k = k;
        this.m = m;
        this.segmentSize = segmentSize;
        this.manifestCid = manifestCid;
        this.segments = List.copyOf(segments);
    }

    /**
     * Reads a proof answer and checks it against {@code cid}.
     *
     * @param source who sent it, for messages: the node's URL
     * @throws BlobVerificationException naming the first thing that does not match
     */
    public static BlobProof verify(Cid cid, JsonNode answer, String source)
            throws BlobVerificationException {
        Objects.requireNonNull(cid, "cid");
        String where = "proof of " + cid + " from " + source;
        try {
            return new ProofReader(cid, answer, where).read();
        } catch (IllegalArgumentException e) {
            throw new BlobVerificationException(where + ": " + e.getMessage());
        }
    }

    /** The object's CID. */
    public Cid cid() {
        return cid;
    }

    public long size() {
        return size;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    public int k() {
        return k;
    }

    public int m() {
        return m;
    }

    public int segmentSize() {
        return segmentSize;
    }

    /** The CID of the manifest block the proof carried (DAG-CBOR, sha2-256). */
    public Cid manifestCid() {
        return manifestCid;
    }

    /** The segments in object order; none for an empty object. */
    public List<Segment> segments() {
        return segments;
    }

    @Override
    public String toString() {
        return "BlobProof["
                + cid
                + ", "
                + size
                + " bytes in "
                + segments.size()
                + " segments, "
                + k
                + "+"
                + m
                + "]";
    }

    /** Reads and checks one proof answer; each check names what it found and expected. */
    private static final class ProofReader {

        private final Cid cid;
        private final JsonNode answer;
        private final String where;

        ProofReader(Cid cid, JsonNode answer, String where) {
            this.cid = cid;
            this.answer = answer;
            this.where = where;
        }

        BlobProof read() throws BlobVerificationException {
            Cid answered = Cid.parse(text(answer, "cid"));
            check(answered.equals(cid), "it is the proof of " + answered);
            long size = number(answer, "size");
            HashAlgorithm hash = HashAlgorithm.fromName(text(answer, "hash"));
            check(
                    hash == cid.hashAlgorithm(),
                    "it says " + hash + " but the CID is hashed with " + cid.hashAlgorithm());
            int k = integer(answer, "k");
            int m = integer(answer, "m");
            int segmentSize = integer(answer, "segmentSize");
            check(
                    k >= 1 && m >= 0 && segmentSize >= 1,
                    "k=" + k + " m=" + m + " segmentSize=" + segmentSize);
            List<Segment> segments = segments(size, hash, k, m, segmentSize);
            checkRoot(size, hash, segments);
            Cid manifestCid = checkManifest(size, hash, k, m, segmentSize, segments);
            return new BlobProof(cid, size, hash, k, m, segmentSize, manifestCid, segments);
        }

        private List<Segment> segments(long size, HashAlgorithm hash, int k, int m, int segmentSize)
                throws BlobVerificationException {
            JsonNode list = answer.path("segments");
            check(list.isArray(), "segments is " + list + "; expected a list");
            List<Segment> segments = new ArrayList<>();
            long offset = 0;
            for (int i = 0; i < list.size(); i++) {
                JsonNode node = list.get(i);
                int length = integer(node, "length");
                Cid segmentCid = Cid.parse(text(node, "cid"));
                int shardLength = integer(node, "shardLength");
                boolean last = i == list.size() - 1;
                check(
                        number(node, "index") == i && number(node, "offset") == offset,
                        "segment "
                                + i
                                + " is at index "
                                + node.path("index")
                                + ", offset "
                                + node.path("offset")
                                + "; expected offset "
                                + offset);
                check(
                        last ? length >= 0 && length <= segmentSize : length == segmentSize,
                        "segment "
                                + i
                                + " has "
                                + length
                                + " bytes; expected "
                                + (last ? "at most " : "")
                                + segmentSize);
                check(
                        segmentCid.codec() == Multicodec.RAW && segmentCid.hashAlgorithm() == hash,
                        "segment " + i + " CID " + segmentCid + " is not a raw " + hash + " CID");
                check(
                        shardLength == (length + k - 1) / k,
                        "segment "
                                + i
                                + " has shards of "
                                + shardLength
                                + " bytes; expected "
                                + (length + k - 1) / k);
                segments.add(
                        new Segment(
                                i,
                                offset,
                                length,
                                segmentCid,
                                shardLength,
                                shards(node, i, k + m)));
                offset += length;
            }
            check(offset == size, "its segments hold " + offset + " bytes but it says " + size);
            return segments;
        }

        private List<Shard> shards(JsonNode segment, int index, int count)
                throws BlobVerificationException {
            JsonNode list = segment.path("shards");
            check(
                    list.isArray() && list.size() == count,
                    "segment "
                            + index
                            + " lists "
                            + list.size()
                            + " shards; expected k+m = "
                            + count);
            List<Shard> shards = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode node = list.get(i);
                Cid shardCid = Cid.parse(text(node, "cid"));
                check(
                        number(node, "index") == i && shardCid.codec() == Multicodec.RAW,
                        "segment " + index + " shard " + i + " is " + node);
                if (shardCid.hashAlgorithm() == HashAlgorithm.SHA2_256) {
                    String sha256 = HexFormat.of().formatHex(shardCid.multihash().digest());
                    check(
                            sha256.equals(node.path("sha256").asText()),
                            "segment "
                                    + index
                                    + " shard "
                                    + i
                                    + " says sha256 "
                                    + node.path("sha256").asText()
                                    + " but its CID holds "
                                    + sha256);
                }
                String url = node.path("url").asText("");
                shards.add(
                        new Shard(
                                i,
                                shardCid,
                                text(node, "node"),
                                url.isEmpty() ? null : URI.create(url)));
            }
            return shards;
        }

        /** The part the CID proves: the segments are the object's. */
        private void checkRoot(long size, HashAlgorithm hash, List<Segment> segments)
                throws BlobVerificationException {
            if (cid.codec() == Multicodec.RAW) {
                check(
                        segments.size() <= 1,
                        "a raw CID addresses one segment, but it lists " + segments.size());
                Cid expected =
                        segments.isEmpty()
                                ? Cid.of(Multicodec.RAW, hash, new byte[0])
                                : segments.get(0).cid();
                check(
                        expected.equals(cid),
                        "its segment is " + expected + ", which is not the object's CID");
                return;
            }
            check(
                    cid.codec() == Multicodec.DAG_CBOR,
                    "the CID's codec is " + cid.codec() + "; a blob's CID is raw or dag-cbor");
            if (segments.size() == 1 && answer.path("root").isMissingNode()) {
                // A block: one segment holding the DAG-CBOR document itself.
                check(
                        segments.get(0).cid().multihash().equals(cid.multihash()),
                        "its one segment "
                                + segments.get(0).cid()
                                + " does not hash to the block CID");
                return;
            }
            byte[] root = base64(answer.path("root"), "root");
            Cid rootCid = Cid.of(Multicodec.DAG_CBOR, hash, root);
            check(rootCid.equals(cid), "its root block hashes to " + rootCid + ", not to the CID");
            Map<String, Object> document = DagCbor.decodeMap(root);
            check(
                    Long.valueOf(size).equals(document.get("size")),
                    "its root block says " + document.get("size") + " bytes, the proof " + size);
            List<?> listed = list(document.get("segments"), "root block segments");
            check(
                    listed.size() == segments.size(),
                    "its root block lists "
                            + listed.size()
                            + " segments, the proof "
                            + segments.size());
            for (int i = 0; i < listed.size(); i++) {
                Map<?, ?> entry = map(listed.get(i), "root block segment " + i);
                Segment segment = segments.get(i);
                check(
                        segment.cid().equals(entry.get("cid"))
                                && Long.valueOf(segment.length()).equals(entry.get("size")),
                        "segment "
                                + i
                                + " is "
                                + segment.cid()
                                + " ("
                                + segment.length()
                                + " bytes) in the proof but "
                                + entry
                                + " in the root block");
            }
        }

        /** The part only consistency proves: the manifest agrees with the proof. */
        private Cid checkManifest(
                long size,
                HashAlgorithm hash,
                int k,
                int m,
                int segmentSize,
                List<Segment> segments)
                throws BlobVerificationException {
            JsonNode manifest = answer.path("manifest");
            byte[] bytes = base64(manifest, "manifest");
            Cid manifestCid = Cid.parse(text(manifest, "cid"));
            Cid computed = Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, bytes);
            check(
                    computed.equals(manifestCid),
                    "its manifest hashes to " + computed + ", not to " + manifestCid);
            Map<String, Object> document = DagCbor.decodeMap(bytes);
            check(
                    cid.equals(document.get("object")),
                    "its manifest describes " + document.get("object"));
            check(
                    Long.valueOf(size).equals(document.get("size"))
                            && hash.multihashName().equals(document.get("hash"))
                            && Long.valueOf(k).equals(document.get("k"))
                            && Long.valueOf(m).equals(document.get("m"))
                            && Long.valueOf(segmentSize).equals(document.get("segmentSize")),
                    "its manifest says size "
                            + document.get("size")
                            + ", hash "
                            + document.get("hash")
                            + ", "
                            + document.get("k")
                            + "+"
                            + document.get("m")
                            + ", segments of "
                            + document.get("segmentSize"));
            List<?> listed = list(document.get("segments"), "manifest segments");
            check(
                    listed.size() == segments.size(),
                    "its manifest lists "
                            + listed.size()
                            + " segments, the proof "
                            + segments.size());
            for (int i = 0; i < listed.size(); i++) {
                Map<?, ?> entry = map(listed.get(i), "manifest segment " + i);
                Segment segment = segments.get(i);
                List<Cid> shardCids = segment.shards().stream().map(Shard::cid).toList();
                List<String> nodes = segment.shards().stream().map(Shard::node).toList();
                check(
                        segment.cid().equals(entry.get("cid"))
                                && Long.valueOf(segment.length()).equals(entry.get("length"))
                                && Long.valueOf(segment.shardLength())
                                        .equals(entry.get("shardLength"))
                                && shardCids.equals(entry.get("shards"))
                                && nodes.equals(entry.get("nodes")),
                        "segment " + i + " differs between the proof and its manifest");
            }
            return manifestCid;
        }

        private void check(boolean ok, String problem) throws BlobVerificationException {
            if (!ok) {
                throw new BlobVerificationException(where + ": " + problem);
            }
        }

        private String text(JsonNode node, String field) throws BlobVerificationException {
            JsonNode value = node.path(field);
            check(value.isTextual(), field + " is " + value + "; expected a string");
            return value.textValue();
        }

        private long number(JsonNode node, String field) throws BlobVerificationException {
            JsonNode value = node.path(field);
            check(
                    value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0,
                    field + " is " + value + "; expected a whole number >= 0");
            return value.longValue();
        }

        private int integer(JsonNode node, String field) throws BlobVerificationException {
            long value = number(node, field);
            check(value <= Integer.MAX_VALUE, field + " is " + value + "; expected an int");
            return (int) value;
        }

        /** The bytes of {@code node}'s base64 {@code dagCbor} field. */
        private byte[] base64(JsonNode node, String what) throws BlobVerificationException {
            JsonNode value = node.path("dagCbor");
            check(value.isTextual(), what + ".dagCbor is " + value + "; expected base64");
            return Base64.getDecoder().decode(value.textValue());
        }

        private List<?> list(Object value, String what) throws BlobVerificationException {
            check(value instanceof List<?>, what + " is " + value + "; expected a list");
            return (List<?>) value;
        }

        private Map<?, ?> map(Object value, String what) throws BlobVerificationException {
            check(value instanceof Map<?, ?>, what + " is " + value + "; expected a map");
            return (Map<?, ?>) value;
        }
    }
}
