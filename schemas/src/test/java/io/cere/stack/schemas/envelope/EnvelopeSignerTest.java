package io.cere.stack.schemas.envelope;

import static io.cere.stack.schemas.envelope.EnvelopeFixtures.KEYS;
import static io.cere.stack.schemas.envelope.EnvelopeFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeSignerTest {

    private static final EnvelopeParser PARSER = new EnvelopeParser();

    @Test
    void signedSingleEnvelopeParsesWithAValidSignature() throws Exception {
        ObjectNode signed =
                EnvelopeSigner.sign(EnvelopeFixtures.unsignedSingle(KEYS), KEYS.privateKey());

        EventEnvelope envelope = PARSER.parse(bytes(signed));

        assertThat(envelope.hasValidSignature()).isTrue();
        assertThat(envelope.signature())
                .isEqualTo(Ed25519.sign(KEYS.privateKey(), envelope.signedContent()));
    }

    @Test
    void signedBatchEnvelopeParsesWithAValidSignature() throws Exception {
        ObjectNode signed =
                EnvelopeSigner.sign(EnvelopeFixtures.unsignedBatch(KEYS, 20), KEYS.privateKey());

        assertThat(PARSER.parse(bytes(signed)).hasValidSignature()).isTrue();
    }

    @Test
    void signingInputExcludesTheSignatureMemberOnly() {
        ObjectNode envelope = EnvelopeFixtures.unsignedSingle(KEYS);
        envelope.put("version", 1);
        envelope.put("_batchMode", false);
        envelope.putObject("sdk").put("signature", "nested members of that name are signed");
        ObjectNode withSignature = envelope.deepCopy();
        withSignature.put("signature", "ab".repeat(64));

        String input =
                new String(EnvelopeSigner.signingInput(withSignature), StandardCharsets.UTF_8);

        assertThat(input).isEqualTo(CanonicalJson.canonicalize(envelope));
        List<String> names = new ArrayList<>();
        PARSER.mapper().valueToTree(envelope).fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            assertThat(input).contains("\"" + name + "\":");
        }
        assertThat(input).doesNotContain("abab").contains("\"signature\":\"nested members");
    }

    @Test
    void signReturnsACopyWithOnlyTheSignatureAdded() {
        ObjectNode unsigned = EnvelopeFixtures.unsignedSingle(KEYS);
        ObjectNode before = unsigned.deepCopy();

        ObjectNode signed = EnvelopeSigner.sign(unsigned, KEYS.privateKey());

        assertThat(unsigned).isEqualTo(before);
        ObjectNode withoutSignature = signed.deepCopy();
        withoutSignature.remove("signature");
        assertThat(withoutSignature).isEqualTo(before);
        assertThat(signed.get("signature").textValue()).matches("[0-9a-f]{128}");
    }

    @Test
    void signingIsDeterministicAndReplacesAnOldSignature() {
        ObjectNode unsigned = EnvelopeFixtures.unsignedSingle(KEYS);
        ObjectNode signed = EnvelopeSigner.sign(unsigned, KEYS.privateKey());
        ObjectNode stale = unsigned.deepCopy().put("signature", "00".repeat(64));

        ObjectNode resigned = EnvelopeSigner.sign(stale, KEYS.privateKey());

        assertThat(resigned).isEqualTo(signed);
    }

    @Test
    void signatureDependsOnEverySignedMember() {
        ObjectNode unsigned = EnvelopeFixtures.unsignedSingle(KEYS);
        String signature =
                EnvelopeSigner.sign(unsigned, KEYS.privateKey()).get("signature").asText();

        unsigned.put("type", "page.leave");

        assertThat(EnvelopeSigner.sign(unsigned, KEYS.privateKey()).get("signature").asText())
                .isNotEqualTo(signature);
    }

    @Test
    void refusesToSignWhatHasNoCanonicalForm() {
        ObjectNode unsigned = EnvelopeFixtures.unsignedSingle(KEYS);
        ((ObjectNode) unsigned.get("payload")).put("x", Double.NaN);

        assertThatThrownBy(() -> EnvelopeSigner.sign(unsigned, KEYS.privateKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(
                        () ->
                                EnvelopeSigner.sign(
                                        EnvelopeFixtures.unsignedSingle(KEYS), new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 16 bytes");
    }
}
