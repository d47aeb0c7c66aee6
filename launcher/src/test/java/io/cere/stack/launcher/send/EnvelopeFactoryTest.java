package io.cere.stack.launcher.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.launcher.keys.SigningKey;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.schemas.envelope.EnvelopeParser;
import io.cere.stack.schemas.envelope.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeFactoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-21T07:00:00.123456Z");

    private final Random seeded = new Random(42);
    private final SigningKey key = new SigningKey(Ed25519.generate(new SecureRandom()));
    private final EnvelopeParser parser = new EnvelopeParser();

    private EnvelopeFactory factory(String payload) throws Exception {
        return new EnvelopeFactory(
                key,
                "demo",
                "page.view",
                (ObjectNode) JSON.readTree(payload),
                Clock.fixed(NOW, ZoneOffset.UTC),
                () -> new UUID(seeded.nextLong(), seeded.nextLong()));
    }

    /** Through the bytes, as the gateway and the ingest job see the envelope. */
    private EventEnvelope parse(ObjectNode envelope) throws Exception {
        return parser.parse(JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void buildsASignedEnvelopeThatVerifies() throws Exception {
        ObjectNode envelope =
                factory("{\"page\": \"/\", \"n\": 1.5, \"é\": [true, null]}").single();

        EventEnvelope parsed = parse(envelope);

        assertThat(parsed.hasValidSignature()).isTrue();
        assertThat(parsed.appId()).isEqualTo("demo");
        assertThat(parsed.type()).isEqualTo("page.view");
        assertThat(parsed.accountId()).isEqualTo(key.accountId());
        assertThat(parsed.timestampText()).isEqualTo("2026-11-21T07:00:00.123Z");
        assertThat(parsed.payload().toString())
                .isEqualTo("{\"page\":\"/\",\"n\":1.5,\"é\":[true,null]}");
        assertThat(UUID.fromString(parsed.id())).isNotNull();
    }

    @Test
    void anEnvelopeChangedAfterSigningDoesNotVerify() throws Exception {
        ObjectNode envelope = factory("{\"amount\": 1}").single();
        ((ObjectNode) envelope.get("payload")).put("amount", 1000);

        assertThat(parse(envelope).hasValidSignature()).isFalse();
    }

    @Test
    void buildsASignedBatchWithOneIdPerEvent() throws Exception {
        ObjectNode batch = factory("{\"k\": \"v\"}").batch(3);

        EventEnvelope parsed = parse(batch);

        assertThat(parsed.hasValidSignature()).isTrue();
        assertThat(parsed.batchMode()).isTrue();
        assertThat(parsed.events()).hasSize(3);
        assertThat(parsed.events())
                .allSatisfy(
                        event -> {
                            assertThat(event.type()).isEqualTo("page.view");
                            assertThat(event.payload().toString()).isEqualTo("{\"k\":\"v\"}");
                        });
        assertThat(EnvelopeFactory.eventIds(batch))
                .containsExactlyElementsOf(
                        parsed.events().stream().map(event -> event.id()).toList())
                .doesNotHaveDuplicates()
                .doesNotContain(parsed.id());
    }

    @Test
    void everyEnvelopeGetsItsOwnId() throws Exception {
        EnvelopeFactory factory = factory("{}");
        assertThat(factory.single().get("id")).isNotEqualTo(factory.single().get("id"));
    }
}
