package io.cere.stack.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The canonical payloads an envelope hands out are cut from its signed content. */
class CanonicalPayloadTest {

    private final EnvelopeParser parser = new EnvelopeParser();
    private final RandomJson random = new RandomJson(8785);

    @Test
    void singlePayloadEqualsItsOwnCanonicalFormAndSignedBytesAreUnchanged() throws Exception {
        for (int i = 0; i < 200; i++) {
            ObjectNode envelope = EnvelopeFixtures.unsignedSingle(EnvelopeFixtures.KEYS);
            envelope.set("payload", random.object(3));
            EventEnvelope parsed =
                    parser.parse(
                            EnvelopeFixtures.bytes(
                                    EnvelopeSigner.sign(
                                            envelope, EnvelopeFixtures.KEYS.privateKey())));

            assertThat(parsed.canonicalPayload())
                    .isEqualTo(CanonicalJson.canonicalize(parsed.payload()));
            assertThat(parsed.signedContent())
                    .isEqualTo(EnvelopeSigner.signingInput(parsed.json()));
            assertThat(parsed.hasValidSignature()).isTrue();
        }
    }

    @Test
    void eachInnerPayloadEqualsItsOwnCanonicalForm() throws Exception {
        ObjectNode envelope = EnvelopeFixtures.unsignedBatch(EnvelopeFixtures.KEYS, 50);
        ArrayNode events = (ArrayNode) envelope.get("events");
        for (int i = 0; i < events.size(); i++) {
            ((ObjectNode) events.get(i)).set("payload", random.object(3));
        }
        EventEnvelope parsed =
                parser.parse(
                        EnvelopeFixtures.bytes(
                                EnvelopeSigner.sign(envelope, EnvelopeFixtures.KEYS.privateKey())));

        for (int i = 0; i < 50; i++) {
            assertThat(parsed.canonicalPayload(i))
                    .isEqualTo(CanonicalJson.canonicalize(parsed.events().get(i).payload()));
        }
        assertThat(parsed.signedContent()).isEqualTo(EnvelopeSigner.signingInput(parsed.json()));
        assertThat(parsed.hasValidSignature()).isTrue();
    }

    @Test
    void asksForThePayloadOfTheRightMode() throws Exception {
        EventEnvelope single =
                parser.parse(EnvelopeFixtures.bytes(EnvelopeFixtures.signedSingle()));
        EventEnvelope batch = parser.parse(EnvelopeFixtures.bytes(EnvelopeFixtures.signedBatch(2)));

        assertThatThrownBy(() -> single.canonicalPayload(0))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(batch::canonicalPayload).isInstanceOf(IllegalStateException.class);
    }
}
