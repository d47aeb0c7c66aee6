package io.cere.stack.storage.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.storage.cas.DagCbor;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.client.testutils.TestBlob;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlobProofTest {

    private static final int SEGMENT = 1024;
    private static final String NODE = "http://127.0.0.1:9101";

    private final Random random = new Random(7L);

    @Test
    void theProofOfARawBlobIsItsOneSegment() throws Exception {
        TestBlob blob = TestBlob.of(bytes(SEGMENT - 1), SEGMENT);

        BlobProof proof = BlobProof.verify(blob.cid(), blob.proof(), NODE);

        assertThat(proof.segments())
                .singleElement()
                .satisfies(s -> assertThat(s.cid()).isEqualTo(blob.cid()));
        assertThat(proof.segments().get(0).shards())
                .extracting(BlobProof.Shard::node)
                .containsExactly("node-1", "node-2", "node-3", "node-4", "node-5", "node-6");
    }

    @Test
    void theProofOfABlockIsItsOneSegmentHashedUnderTheDagCborCodec() throws Exception {
        byte[] document = DagCbor.encode(Map.of("parts", List.of(1L, 2L, 3L)));
        TestBlob block = TestBlob.block(document, 16);

        BlobProof proof = BlobProof.verify(block.cid(), block.proof(), NODE);

        assertThat(block.cid().codec()).isEqualTo(Multicodec.DAG_CBOR);
        assertThat(proof.segments())
                .singleElement()
                .satisfies(s -> assertThat(s.cid().multihash()).isEqualTo(block.cid().multihash()));

        TestBlob other = TestBlob.block(DagCbor.encode(Map.of("parts", List.of())), 16);
        ObjectNode forged = other.proof();
        forged.put("cid", block.cid().toString());
        assertThatThrownBy(() -> BlobProof.verify(block.cid(), forged, NODE))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessageContaining("does not hash to the block CID");
    }

    @Test
    void refusesTheProofOfAnotherBlob() {
        TestBlob blob = TestBlob.of(bytes(10), SEGMENT);
        TestBlob other = TestBlob.of(bytes(10), SEGMENT);

        assertThatThrownBy(() -> BlobProof.verify(blob.cid(), other.proof(), NODE))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessage(
                        "proof of "
                                + blob.cid()
                                + " from "
                                + NODE
                                + ": it is the proof of "
                                + other.cid());
    }

    @Test
    void refusesAManifestOfAnotherObject() {
        TestBlob blob = TestBlob.of(bytes(3 * SEGMENT), SEGMENT);
        ObjectNode proof = blob.proof();
        proof.set("manifest", TestBlob.of(bytes(3 * SEGMENT), SEGMENT).proof().get("manifest"));

        assertThatThrownBy(() -> BlobProof.verify(blob.cid(), proof, NODE))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessageContaining("its manifest describes");
    }

    @Test
    void refusesAShardHashThatIsNotItsCids() {
        TestBlob blob = TestBlob.of(bytes(2 * SEGMENT), SEGMENT);
        ObjectNode proof = blob.proof();
        ((ObjectNode) proof.get("segments").get(1).get("shards").get(4))
                .put("sha256", "00".repeat(32));

        assertThatThrownBy(() -> BlobProof.verify(blob.cid(), proof, NODE))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessageContaining("segment 1 shard 4 says sha256 " + "00".repeat(32));
    }

    @Test
    void refusesSegmentsThatDoNotAddUpToTheSize() {
        TestBlob blob = TestBlob.of(bytes(2 * SEGMENT), SEGMENT);
        ObjectNode proof = blob.proof().put("size", 2 * SEGMENT + 1);

        assertThatThrownBy(() -> BlobProof.verify(blob.cid(), proof, NODE))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessageContaining("its segments hold 2048 bytes but it says 2049");
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
