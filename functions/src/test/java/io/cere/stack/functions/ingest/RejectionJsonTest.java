package io.cere.stack.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RejectionJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Rejection rejection(byte[] original) {
        RawEnvelope raw =
                new RawEnvelope(original, "10.1.2.3", 1_700_000_000_000L, "events.raw", 2, 17);
        return Rejection.of(RejectReason.BAD_SIGNATURE, "signature does not verify", "id-1", raw);
    }

    @Test
    void writesReasonMessageIdTimeSourceAndOriginal() throws Exception {
        String original = "{\"id\":\"id-1\",\"note\":\"caf\u00e9\"}";
        JsonNode json =
                JSON.readTree(
                        RejectionJson.toJson(rejection(original.getBytes(StandardCharsets.UTF_8))));

        assertThat(json.get("reason").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(json.get("message").asText()).isEqualTo("signature does not verify");
        assertThat(json.get("eventId").asText()).isEqualTo("id-1");
        assertThat(json.get("receivedAt").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(json.get("clientIp").asText()).isEqualTo("10.1.2.3");
        assertThat(json.at("/source/partition").asInt()).isEqualTo(2);
        assertThat(json.at("/source/offset").asLong()).isEqualTo(17);
        assertThat(json.get("original").asText()).isEqualTo(original);
        assertThat(json.has("originalTruncated")).isFalse();
    }

    @Test
    void carriesNonUtf8OriginalAsBase64() throws Exception {
        byte[] original = {(byte) 0xff, (byte) 0xfe, 'x'};
        JsonNode json = JSON.readTree(RejectionJson.toJson(rejection(original)));

        assertThat(json.has("original")).isFalse();
        assertThat(Base64.getDecoder().decode(json.get("originalBase64").asText()))
                .isEqualTo(original);
    }

    @Test
    void truncatesLargeOriginalAndRecordsSizeAndHash() throws Exception {
        byte[] original =
                ("\u00e9".repeat(RejectionJson.MAX_ORIGINAL_BYTES))
                        .getBytes(StandardCharsets.UTF_8);
        byte[] out = RejectionJson.toJson(rejection(original));
        JsonNode json = JSON.readTree(out);

        assertThat(json.get("originalTruncated").asBoolean()).isTrue();
        assertThat(json.get("originalBytes").asInt()).isEqualTo(original.length);
        assertThat(json.get("originalSha256").asText()).hasSize(64);
        assertThat(json.get("original").asText()).hasSize(RejectionJson.MAX_ORIGINAL_BYTES / 2);
        assertThat(out.length).isLessThan(1024 * 1024);
    }

    @Test
    void keysByPositionWhenIdUnknown() {
        RawEnvelope raw = new RawEnvelope(new byte[] {'x'}, null, 0, "events.raw", 1, 5);

        assertThat(Rejection.of(RejectReason.MALFORMED, "m", null, raw).key())
                .isEqualTo("events.raw-1@5");
    }
}
