package io.cere.stack.storage.node.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.DagCbor;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ManifestTest {

    private static final int SEGMENT = 1024;

    @Test
    void decodesWhatItEncodes() throws InvalidManifestException {
        Manifest manifest = manifest(HashAlgorithm.SHA2_256, 2 * SEGMENT + 10);

        Manifest decoded = Manifest.decode(manifest.encode(), manifest.object());

        assertThat(decoded).isEqualTo(manifest);
        assertThat(decoded.segments()).hasSize(3);
        assertThat(decoded.segments().get(2).length()).isEqualTo(10);
        assertThat(decoded.segmentAt(SEGMENT)).isEqualTo(1);
        assertThat(decoded.segmentOffset(2)).isEqualTo(2L * SEGMENT);
    }

    @Test
    void encodesAsDagCborWithTheDocumentedFields() {
        Manifest manifest = manifest(HashAlgorithm.BLAKE3, SEGMENT + 1);

        Map<String, Object> document = DagCbor.decodeMap(manifest.encode());

        assertThat(document)
                .containsEntry("object", manifest.object())
                .containsEntry("size", (long) SEGMENT + 1)
                .containsEntry("hash", "blake3")
                .containsEntry("k", 4L)
                .containsEntry("m", 2L)
                .containsEntry("segmentSize", (long) SEGMENT)
                .containsKey("segments");
    }

    @Test
    void addressesObjectsOfOneSegmentByTheirRawCidAndLargerOnesByTheRootBlock() {
        Manifest small = manifest(HashAlgorithm.SHA2_256, 100);
        assertThat(small.object()).isEqualTo(small.segments().get(0).cid());
        assertThat(small.object().codec()).isEqualTo(Multicodec.RAW);

        Manifest large = manifest(HashAlgorithm.SHA2_256, 3 * SEGMENT);
        assertThat(large.object())
                .isEqualTo(
                        Cid.of(
                                Multicodec.DAG_CBOR,
                                HashAlgorithm.SHA2_256,
                                ObjectRoot.encode(large.segments())));

        Manifest empty = manifest(HashAlgorithm.SHA2_256, 0);
        assertThat(empty.segments()).isEmpty();
        assertThat(empty.object())
                .isEqualTo(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, new byte[0]));
    }

    @Test
    void addressesABlockByItsOneSegmentsHashUnderTheBlocksCodec() throws InvalidManifestException {
        Manifest segment = manifest(HashAlgorithm.BLAKE3, 100);
        Cid block = ObjectRoot.blockCid(Multicodec.DAG_CBOR, segment.segments().get(0));
        Manifest manifest =
                new Manifest(block, 100, HashAlgorithm.BLAKE3, 4, 2, SEGMENT, segment.segments());

        assertThat(block.codec()).isEqualTo(Multicodec.DAG_CBOR);
        assertThat(block.multihash()).isEqualTo(segment.object().multihash());
        assertThat(Manifest.decode(manifest.encode(), block)).isEqualTo(manifest);

        Cid otherBlock =
                Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.BLAKE3, new byte[] {(byte) 0xa0});
        Manifest forged =
                new Manifest(
                        otherBlock, 100, HashAlgorithm.BLAKE3, 4, 2, SEGMENT, segment.segments());
        assertThatThrownBy(() -> Manifest.decode(forged.encode(), otherBlock))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("lists segments that hash to " + block);
        assertThatThrownBy(() -> ObjectRoot.blockCid(Multicodec.RAW, segment.segments().get(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAManifestStoredUnderAnotherObject() {
        Manifest manifest = manifest(HashAlgorithm.SHA2_256, 100);
        Cid other = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, new byte[] {1});

        assertThatThrownBy(() -> Manifest.decode(manifest.encode(), other))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("stored as " + other);
    }

    @Test
    void refusesSegmentsThatDoNotHashToTheObject() {
        Manifest manifest = manifest(HashAlgorithm.SHA2_256, 2 * SEGMENT);
        List<StoredSegment> swapped =
                List.of(manifest.segments().get(1), manifest.segments().get(0));
        Manifest forged =
                new Manifest(
                        manifest.object(),
                        manifest.size(),
                        HashAlgorithm.SHA2_256,
                        4,
                        2,
                        SEGMENT,
                        swapped);

        assertThatThrownBy(() -> Manifest.decode(forged.encode(), manifest.object()))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("lists segments that hash to");
    }

    @Test
    void refusesInconsistentLayouts() {
        Manifest manifest = manifest(HashAlgorithm.SHA2_256, 100);
        StoredSegment segment = manifest.segments().get(0);
        StoredSegment twoOnOneNode =
                new StoredSegment(
                        segment.cid(),
                        segment.length(),
                        segment.shardLength(),
                        segment.shards(),
                        List.of("a", "b", "c", "d", "e", "a"));
        Manifest bad =
                new Manifest(
                        manifest.object(),
                        100,
                        HashAlgorithm.SHA2_256,
                        4,
                        2,
                        SEGMENT,
                        List.of(twoOnOneNode));

        assertThatThrownBy(bad::check).hasMessageContaining("places two shards on one node");
        assertThatThrownBy(() -> Manifest.decode(new byte[] {1, 2, 3}, manifest.object()))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("cannot be read");
    }

    /** A manifest of {@code size} seeded random bytes; shard CIDs stand in for real shards. */
    static Manifest manifest(HashAlgorithm algorithm, int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        List<StoredSegment> segments = new ArrayList<>();
        for (int offset = 0; offset < size; offset += SEGMENT) {
            int length = Math.min(SEGMENT, size - offset);
            byte[] bytes = new byte[length];
            System.arraycopy(data, offset, bytes, 0, length);
            List<Cid> shards = new ArrayList<>();
            List<String> nodes = new ArrayList<>();
            for (int shard = 0; shard < 6; shard++) {
                shards.add(
                        Cid.of(
                                Multicodec.RAW,
                                HashAlgorithm.SHA2_256,
                                new byte[] {(byte) offset, (byte) shard}));
                nodes.add("node-" + shard);
            }
            segments.add(
                    new StoredSegment(
                            Cid.of(Multicodec.RAW, algorithm, bytes),
                            length,
                            StoredSegment.shardLength(length, 4),
                            shards,
                            nodes));
        }
        return new Manifest(
                ObjectRoot.objectCid(algorithm, segments),
                size,
                algorithm,
                4,
                2,
                SEGMENT,
                segments);
    }
}
