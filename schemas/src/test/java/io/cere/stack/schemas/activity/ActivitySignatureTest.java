package io.cere.stack.schemas.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.schemas.avro.ActivityOperation;
import io.cere.stack.schemas.avro.ActivityRecord;
import io.cere.stack.schemas.envelope.Ed25519;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

class ActivitySignatureTest {

    private static final Ed25519.KeyPair NODE = keys(1);
    private static final String CID = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";

    private static Ed25519.KeyPair keys(long seed) {
        byte[] privateKey = new byte[32];
        new Random(seed).nextBytes(privateKey);
        return new Ed25519.KeyPair(privateKey, Ed25519.publicKeyOf(privateKey));
    }

    private static ActivityRecord record() {
        return ActivitySignature.sign(
                NODE,
                "node-1",
                "req-42",
                ActivityOperation.GET,
                "photos",
                CID,
                65_536,
                Instant.parse("2026-11-21T10:00:00.123Z"));
    }

    @Test
    void signedRecordVerifies() {
        assertThat(ActivitySignature.verify(record())).isTrue();
    }

    @Test
    void signsTheCanonicalJsonOfEveryOtherField() {
        assertThat(new String(ActivitySignature.signedContent(record()), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"bucket\":\"photos\",\"bytes\":65536,\"cid\":\""
                                + CID
                                + "\",\"nodeId\":\"node-1\",\"nodeKey\":\""
                                + NODE.publicKeyHex()
                                + "\",\"operation\":\"GET\",\"requestId\":\"req-42\","
                                + "\"timestamp\":1795255200123}");
    }

    @Test
    void anyChangedFieldBreaksTheSignature() {
        ActivityRecord changedBytes = record();
        changedBytes.setBytes(65_537);
        ActivityRecord changedOperation = record();
        changedOperation.setOperation(ActivityOperation.PUT);
        ActivityRecord changedTime = record();
        changedTime.setTimestamp(changedTime.getTimestamp().plusMillis(1));
        ActivityRecord otherNode = record();
        otherNode.setNodeKey(keys(2).publicKeyHex());

        assertThat(ActivitySignature.verify(changedBytes)).isFalse();
        assertThat(ActivitySignature.verify(changedOperation)).isFalse();
        assertThat(ActivitySignature.verify(changedTime)).isFalse();
        assertThat(ActivitySignature.verify(otherNode)).isFalse();
    }

    @Test
    void garbledKeyOrSignatureDoesNotVerify() {
        ActivityRecord badHex = record();
        badHex.setSignature("not hex");
        ActivityRecord shortKey = record();
        shortKey.setNodeKey("abcd");

        assertThat(ActivitySignature.verify(badHex)).isFalse();
        assertThat(ActivitySignature.verify(shortKey)).isFalse();
    }

    @Test
    void refusesByteCountsJsonCannotCarryExactly() {
        assertThatThrownBy(
                        () ->
                                ActivitySignature.sign(
                                        NODE,
                                        "node-1",
                                        "r",
                                        ActivityOperation.PUT,
                                        "b",
                                        CID,
                                        1L << 53,
                                        Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9007199254740991");
    }

    @Test
    void roundTripsThroughSingleObjectEncodingAndStillVerifies() throws IOException {
        ActivityRecord decoded = ActivityRecord.fromByteBuffer(record().toByteBuffer());

        assertThat(decoded).isEqualTo(record());
        assertThat(ActivitySignature.verify(decoded)).isTrue();
    }

    @Test
    void currentSchemaReadsTheReleasedVersion() throws IOException {
        Schema released;
        try (var in =
                getClass()
                        .getResourceAsStream(
                                "/io/cere/stack/schemas/released/ActivityRecord-v1.avsc")) {
            assertThat(in).as("released ActivityRecord-v1.avsc").isNotNull();
            released = new Schema.Parser().parse(in);
        }

        assertThat(
                        SchemaCompatibility.checkReaderWriterCompatibility(
                                        ActivityRecord.getClassSchema(), released)
                                .getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }
}
