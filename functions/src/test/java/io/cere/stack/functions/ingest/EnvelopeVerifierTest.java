package io.cere.stack.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.functions.testutils.TestEnvelopes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvelopeVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    private final TestEnvelopes envelopes = new TestEnvelopes(42);
    private OneInputStreamOperatorTestHarness<RawEnvelope, VerifiedEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new EnvelopeVerifier(Duration.ofMinutes(5), 4096));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void process(byte[] value) throws Exception {
        harness.processElement(envelopes.raw(value, NOW), NOW.toEpochMilli());
    }

    private void process(ObjectNode envelope) throws Exception {
        process(TestEnvelopes.bytes(envelope));
    }

    private List<Rejection> rejections() {
        var out = harness.getSideOutput(EnvelopeVerifier.REJECTED);
        return out == null
                ? List.of()
                : out.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void acceptsSignedSingleEvent() throws Exception {
        ObjectNode env = envelopes.sign(envelopes.single("shop", "purchase", NOW));

        process(env);

        List<VerifiedEvent> out = harness.extractOutputValues();
        assertThat(rejections()).isEmpty();
        assertThat(out).hasSize(1);
        VerifiedEvent v = out.get(0);
        assertThat(v.id).isEqualTo(env.get("id").textValue());
        assertThat(v.appId).isEqualTo("shop");
        assertThat(v.accountId).isEqualTo(envelopes.accountId());
        assertThat(v.type).isEqualTo("purchase");
        assertThat(v.timestamp).isEqualTo(NOW.toString());
        assertThat(v.eventTime).isEqualTo(NOW.toEpochMilli());
        assertThat(v.payload).startsWith("{\"n\":").contains("\"note\":\"caf\u00e9 \ud83d\ude00\"");
        assertThat(v.signature).isEqualTo(env.get("signature").textValue());
        assertThat(v.receivedAt).isEqualTo(NOW.toEpochMilli());
        assertThat(v.clientIp).isEqualTo("127.0.0.1");
        assertThat(v.batchMode).isFalse();
        assertThat(v.batchPosition).isEqualTo(-1);
    }

    @Test
    void splitsBatchIntoOneEventPerInnerEventInOrder() throws Exception {
        ObjectNode env = envelopes.sign(envelopes.batch("shop", 3, NOW));

        process(env);

        List<VerifiedEvent> out = harness.extractOutputValues();
        assertThat(rejections()).isEmpty();
        assertThat(out).hasSize(3);
        for (int i = 0; i < 3; i++) {
            VerifiedEvent v = out.get(i);
            assertThat(v.id).isEqualTo(env.get("events").get(i).get("id").textValue());
            assertThat(v.batchMode).isTrue();
            assertThat(v.batchId).isEqualTo(env.get("id").textValue());
            assertThat(v.batchPosition).isEqualTo(i);
            assertThat(v.type).isEqualTo("click");
            assertThat(v.payload).isEqualTo("{\"i\":" + i + "}");
        }
    }

    @Test
    void rejectsTamperedPayloadAsBadSignature() throws Exception {
        ObjectNode env = envelopes.sign(envelopes.single("shop", "purchase", NOW));
        ((ObjectNode) env.get("payload")).put("n", 1_000_000);

        process(env);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason).isEqualTo(RejectReason.BAD_SIGNATURE);
                            assertThat(r.eventId).isEqualTo(env.get("id").textValue());
                            assertThat(r.message).contains(envelopes.accountId());
                        });
    }

    @Test
    void rejectsEventSignedWithAnotherKey() throws Exception {
        TestEnvelopes other = new TestEnvelopes(7);
        ObjectNode env = other.sign(envelopes.single("shop", "purchase", NOW));

        process(env);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(rejections())
                .extracting(r -> r.reason)
                .containsExactly(RejectReason.BAD_SIGNATURE);
    }

    @Test
    void rejectsUnparseableJsonAsMalformedKeyedByPosition() throws Exception {
        process("{\"id\": ".getBytes(StandardCharsets.UTF_8));

        Rejection r = rejections().get(0);
        assertThat(r.reason).isEqualTo(RejectReason.MALFORMED);
        assertThat(r.eventId).isNull();
        assertThat(r.key()).isEqualTo("events.raw-0@0");
        assertThat(r.original).isEqualTo("{\"id\": ".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsMissingFieldAsMalformedNamingTheField() throws Exception {
        ObjectNode env = envelopes.sign(envelopes.single("shop", "purchase", NOW));
        env.remove("type");

        process(env);

        Rejection r = rejections().get(0);
        assertThat(r.reason).isEqualTo(RejectReason.MALFORMED);
        assertThat(r.message).contains("type");
        assertThat(r.eventId).isEqualTo(env.get("id").textValue());
    }

    @Test
    void rejectsTimestampBeyondClockSkew() throws Exception {
        ObjectNode env = envelopes.sign(envelopes.single("shop", "purchase", NOW.plusSeconds(301)));

        process(env);

        Rejection r = rejections().get(0);
        assertThat(r.reason).isEqualTo(RejectReason.CLOCK_SKEW);
        assertThat(r.message).contains("timestamp").contains("PT5M");
    }

    @Test
    void acceptsTimestampWithinClockSkew() throws Exception {
        process(envelopes.sign(envelopes.single("shop", "purchase", NOW.plusSeconds(299))));

        assertThat(rejections()).isEmpty();
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void rejectsWholeBatchWhenOneInnerTimestampIsInTheFuture() throws Exception {
        ObjectNode env = envelopes.batch("shop", 3, NOW);
        ((ObjectNode) env.get("events").get(2)).put("timestamp", NOW.plusSeconds(3600).toString());

        process(envelopes.sign(env));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(rejections().get(0).reason).isEqualTo(RejectReason.CLOCK_SKEW);
        assertThat(rejections().get(0).message).contains("events[2].timestamp");
    }

    @Test
    void rejectsUnsupportedVersion() throws Exception {
        ObjectNode env = envelopes.single("shop", "purchase", NOW);
        env.put("version", 2);

        process(envelopes.sign(env));

        assertThat(rejections())
                .extracting(r -> r.reason)
                .containsExactly(RejectReason.UNSUPPORTED_VERSION);
    }

    @Test
    void rejectsEnvelopeOverTheSizeLimit() throws Exception {
        ObjectNode env = envelopes.single("shop", "purchase", NOW);
        ((ObjectNode) env.get("payload")).put("blob", "x".repeat(5000));

        process(envelopes.sign(env));

        assertThat(rejections().get(0).reason).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(rejections().get(0).message).contains("4096");
    }

    @Test
    void rejectsEmptyRecord() throws Exception {
        process(new byte[0]);

        assertThat(rejections()).extracting(r -> r.reason).containsExactly(RejectReason.MALFORMED);
    }
}
