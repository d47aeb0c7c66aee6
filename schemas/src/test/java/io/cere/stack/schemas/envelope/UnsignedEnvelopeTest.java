package io.cere.stack.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnsignedEnvelopeTest {

    private final EnvelopeParser parser = new EnvelopeParser();

    @Test
    void signedSingleEnvelopeParsesAndVerifies() throws Exception {
        var envelope =
                UnsignedEnvelope.single(
                        "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                        "shop",
                        EnvelopeFixtures.KEYS.publicKeyHex(),
                        "purchase",
                        "2026-11-21T07:00:00Z",
                        JsonNodeFactory.instance.objectNode().put("sku", "A-1"));

        EventEnvelope parsed =
                parser.parse(
                        EnvelopeFixtures.bytes(
                                EnvelopeSigner.sign(envelope, EnvelopeFixtures.KEYS.privateKey())));

        assertThat(envelope.fieldNames().next()).isEqualTo("id");
        assertThat(parsed.type()).isEqualTo("purchase");
        assertThat(parsed.canonicalPayload()).isEqualTo("{\"sku\":\"A-1\"}");
        assertThat(parsed.hasValidSignature()).isTrue();
    }

    @Test
    void signedBatchEnvelopeParsesAndVerifies() throws Exception {
        var events =
                List.of(
                        UnsignedEnvelope.event(
                                "7d444840-9dc0-11d1-b245-5ffdce74fad2",
                                "click",
                                "2026-11-21T07:00:00Z",
                                JsonNodeFactory.instance.objectNode().put("i", 0)),
                        UnsignedEnvelope.event(
                                "7d444840-9dc0-11d1-b245-5ffdce74fad3",
                                "click",
                                "2026-11-21T07:00:01Z",
                                JsonNodeFactory.instance.objectNode().put("i", 1)));
        var envelope =
                UnsignedEnvelope.batch(
                        "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                        "shop",
                        EnvelopeFixtures.KEYS.publicKeyHex(),
                        "2026-11-21T07:00:00Z",
                        events);

        EventEnvelope parsed =
                parser.parse(
                        EnvelopeFixtures.bytes(
                                EnvelopeSigner.sign(envelope, EnvelopeFixtures.KEYS.privateKey())));

        assertThat(parsed.batchMode()).isTrue();
        assertThat(parsed.events()).extracting(InnerEvent::id).hasSize(2);
        assertThat(parsed.canonicalPayload(1)).isEqualTo("{\"i\":1}");
        assertThat(parsed.hasValidSignature()).isTrue();
    }
}
