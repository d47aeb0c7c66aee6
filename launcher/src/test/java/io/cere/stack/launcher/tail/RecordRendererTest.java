package io.cere.stack.launcher.tail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cere.stack.schemas.avro.ActivityOperation;
import io.cere.stack.schemas.avro.ActivityRecord;
import io.cere.stack.schemas.avro.EnrichedEvent;
import io.cere.stack.schemas.avro.SourcePosition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RecordRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordRenderer renderer = new RecordRenderer("events.raw");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode render(String topic, byte[] key, RecordHeaders headers, byte[] value)
            throws Exception {
        String line = renderer.render(topic, key, headers, value);
        assertThat(line).doesNotContain("\n");
        return JSON.readTree(line);
    }

    private static EnrichedEvent event() {
        return EnrichedEvent.newBuilder()
                .setId("6f1c2b9e-0d1a-4c5e-9a7b-3d2e1f0a9b8c")
                .setAppId("demo")
                .setAccountId("ab".repeat(32))
                .setType("page.view")
                .setTimestamp("2026-11-21T07:00:00.123Z")
                .setEventTime(Instant.parse("2026-11-21T07:00:00.123Z"))
                .setPayload("{\"n\":1,\"page\":\"/\"}")
                .setSignature("cd".repeat(64))
                .setReceivedAt(Instant.parse("2026-11-21T07:00:01Z"))
                .setIngestedAt(Instant.parse("2026-11-21T07:00:02Z"))
                .setClientIp("127.0.0.1")
                .setExecutionId("job/0")
                .setBatchMode(true)
                .setBatchId("0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b")
                .setBatchPosition(4)
                .setSource(new SourcePosition("events.raw", 1, 42L))
                .build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Test
    void rendersAnEnrichedEventWithEveryFieldAndThePayloadAsJson() throws Exception {
        byte[] value = bytes(EnrichedEvent.getEncoder().encode(event()));

        JsonNode json = render("events.valid", utf8("demo-ab"), new RecordHeaders(), value);

        assertThat(json.fieldNames())
                .toIterable()
                .containsExactlyElementsOf(
                        EnrichedEvent.getClassSchema().getFields().stream()
                                .map(f -> f.name())
                                .toList());
        assertThat(json.get("payload").isObject()).isTrue();
        assertThat(json.get("payload").get("n").asInt()).isEqualTo(1);
        assertThat(json.get("id").asText()).isEqualTo("6f1c2b9e-0d1a-4c5e-9a7b-3d2e1f0a9b8c");
        assertThat(json.get("eventTime").asText()).isEqualTo("2026-11-21T07:00:00.123Z");
        assertThat(json.get("batchMode").asBoolean()).isTrue();
        assertThat(json.get("batchPosition").asInt()).isEqualTo(4);
        assertThat(json.get("clientIp").asText()).isEqualTo("127.0.0.1");
        assertThat(json.get("source").toString())
                .isEqualTo("{\"topic\":\"events.raw\",\"partition\":1,\"offset\":42}");
    }

    @Test
    void rendersEmptyOptionalFieldsAsNull() throws Exception {
        EnrichedEvent single = event();
        single.setBatchMode(false);
        single.setBatchId(null);
        single.setBatchPosition(null);
        single.setClientIp(null);

        JsonNode json =
                render(
                        "events.orders",
                        null,
                        null,
                        bytes(EnrichedEvent.getEncoder().encode(single)));

        assertThat(json.get("batchId").isNull()).isTrue();
        assertThat(json.get("batchPosition").isNull()).isTrue();
        assertThat(json.get("clientIp").isNull()).isTrue();
    }

    @Test
    void rendersARejectionAsItWasWritten() throws Exception {
        String rejection =
                "{\"reason\":\"BAD_SIGNATURE\",\"message\":\"signature does not verify\","
                        + "\"eventId\":\"x\",\"original\":\"{}\"}";

        JsonNode json = render("events.rejected", utf8("x"), new RecordHeaders(), utf8(rejection));

        assertThat(json).isEqualTo(JSON.readTree(rejection));
    }

    @Test
    void rendersARawEnvelopeWithKeyAndHeaders() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("cere.client-ip", utf8("127.0.0.1"));
        headers.add("cere.received-at", utf8("1795244400000"));
        String envelope = "{\"id\": \"e1\", \"payload\": {\"a\": 1}}";

        JsonNode json = render("events.raw", utf8("e1"), headers, utf8(envelope));

        assertThat(json.get("key").asText()).isEqualTo("e1");
        assertThat(json.get("headers").toString())
                .isEqualTo(
                        "{\"cere.client-ip\":\"127.0.0.1\",\"cere.received-at\":\"1795244400000\"}");
        assertThat(json.get("value")).isEqualTo(JSON.readTree(envelope));
    }

    @Test
    void rendersAnythingElseAsBase64() throws Exception {
        byte[] value = {0, 1, 2, (byte) 0xff};

        JsonNode json = render("other", utf8("k"), new RecordHeaders(), value);

        assertThat(json.get("key").asText()).isEqualTo("k");
        assertThat(json.get("valueBase64").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(value));
    }

    @Test
    void rendersAnAvroRecordOfAnUnknownSchemaAsBase64() throws Exception {
        byte[] value = bytes(EnrichedEvent.getEncoder().encode(event()));
        value[5] ^= 0x55; // another fingerprint

        JsonNode json = render("events.valid", null, new RecordHeaders(), value);

        assertThat(json.get("valueBase64").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(value));
    }

    @Test
    void rendersAStorageNodesActivityRecord() throws Exception {
        ActivityRecord record =
                ActivityRecord.newBuilder()
                        .setNodeId("node-3")
                        .setNodeKey("ab".repeat(32))
                        .setRequestId("r-1")
                        .setOperation(ActivityOperation.PUT)
                        .setBucket("files")
                        .setCid("bafkreiexample")
                        .setBytes(1234)
                        .setTimestamp(Instant.parse("2026-11-21T07:00:00Z"))
                        .setSignature("cd".repeat(64))
                        .build();

        JsonNode json =
                render(
                        "activity",
                        utf8("node-3"),
                        new RecordHeaders(),
                        bytes(ActivityRecord.getEncoder().encode(record)));

        assertThat(json.get("nodeId").asText()).isEqualTo("node-3");
        assertThat(json.get("operation").asText()).isEqualTo("PUT");
        assertThat(json.get("cid").asText()).isEqualTo("bafkreiexample");
        assertThat(json.get("bytes").asLong()).isEqualTo(1234);
    }
}
