package io.cere.stack.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class Ed25519Test {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** RFC 8032 section 7.1, TEST 1, 2, 3 and 1024: key derivation, signing and verifying. */
    @TestFactory
    Stream<DynamicTest> reproducesRfc8032KnownAnswers() throws IOException {
        JsonNode vectors;
        try (InputStream in = getClass().getResourceAsStream("rfc8032-ed25519.json")) {
            vectors = JSON.readTree(in).get("vectors");
        }
        assertThat(vectors).hasSize(4);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors) {
            byte[] secretKey = Hex.decode(vector.get("secretKey").textValue());
            byte[] publicKey = Hex.decode(vector.get("publicKey").textValue());
            byte[] message = Hex.decode(vector.get("message").textValue());
            byte[] signature = Hex.decode(vector.get("signature").textValue());
            tests.add(
                    DynamicTest.dynamicTest(
                            vector.get("name").textValue(),
                            () -> {
                                assertThat(Ed25519.publicKeyOf(secretKey)).isEqualTo(publicKey);
                                assertThat(Ed25519.sign(secretKey, message)).isEqualTo(signature);
                                assertThat(
                                                Ed25519.sign(
                                                        new Ed25519.KeyPair(secretKey, publicKey),
                                                        message))
                                        .isEqualTo(signature);
                                assertThat(Ed25519.verify(publicKey, message, signature)).isTrue();
                            }));
        }
        return tests.stream();
    }

    /**
     * Every case of Wycheproof's ed25519_test.json: "valid" must verify, "invalid" must not.
     * "acceptable" cases (none in the current file) may go either way; the outcome is printed.
     */
    @TestFactory
    Stream<DynamicTest> agreesWithEveryWycheproofVerdict() throws IOException {
        JsonNode suite =
                JSON.readTree(
                        Files.readString(SharedTestVectors.file("wycheproof/ed25519_test.json")));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : suite.get("testGroups")) {
            byte[] publicKey = Hex.decode(group.get("publicKey").get("pk").textValue());
            for (JsonNode testCase : group.get("tests")) {
                tests.add(wycheproofCase(publicKey, testCase));
            }
        }
        assertThat(tests).hasSize(suite.get("numberOfTests").intValue());
        return tests.stream();
    }

    private static DynamicTest wycheproofCase(byte[] publicKey, JsonNode testCase) {
        int id = testCase.get("tcId").intValue();
        String result = testCase.get("result").textValue();
        String name =
                "tcId "
                        + id
                        + " "
                        + testCase.get("flags")
                        + " "
                        + result
                        + (testCase.get("comment").textValue().isEmpty()
                                ? ""
                                : ": " + testCase.get("comment").textValue());
        byte[] message = Hex.decode(testCase.get("msg").textValue());
        byte[] signature = Hex.decode(testCase.get("sig").textValue());
        return DynamicTest.dynamicTest(
                name,
                () -> {
                    boolean verified = Ed25519.verify(publicKey, message, signature);
                    assertThat(Ed25519.VerifyingKey.of(publicKey).verify(message, signature))
                            .as("the decoded-key path agrees with the byte path: " + name)
                            .isEqualTo(verified);
                    switch (result) {
                        case "valid" -> assertThat(verified).as(name).isTrue();
                        case "invalid" -> assertThat(verified).as(name).isFalse();
                        case "acceptable" ->
                                System.out.printf(
                                        "Wycheproof acceptable case %s: Bouncy Castle %s it%n",
                                        name, verified ? "accepts" : "rejects");
                        default -> throw new AssertionError("unknown Wycheproof result " + result);
                    }
                });
    }

    @Test
    void signsAndVerifiesWithAGeneratedKeyPair() {
        Ed25519.KeyPair keys = Ed25519.generate(new SecureRandom());
        byte[] message = "an event".getBytes();

        byte[] signature = Ed25519.sign(keys.privateKey(), message);

        assertThat(signature).hasSize(Ed25519.SIGNATURE_BYTES);
        assertThat(Ed25519.publicKeyOf(keys.privateKey())).isEqualTo(keys.publicKey());
        assertThat(Ed25519.verify(keys.publicKey(), message, signature)).isTrue();
    }

    @Test
    void rejectsEverySingleBitFlipOfSignatureKeyAndMessage() {
        Ed25519.KeyPair keys = keyPair(1);
        byte[] message = "flip me".getBytes();
        byte[] signature = Ed25519.sign(keys.privateKey(), message);

        for (int bit = 0; bit < 8 * signature.length; bit++) {
            assertThat(Ed25519.verify(keys.publicKey(), message, flip(signature, bit)))
                    .as("signature bit %d", bit)
                    .isFalse();
        }
        for (int bit = 0; bit < 8 * message.length; bit++) {
            assertThat(Ed25519.verify(keys.publicKey(), flip(message, bit), signature))
                    .as("message bit %d", bit)
                    .isFalse();
        }
        for (int bit = 0; bit < 8 * Ed25519.PUBLIC_KEY_BYTES; bit++) {
            assertThat(Ed25519.verify(flip(keys.publicKey(), bit), message, signature))
                    .as("public key bit %d", bit)
                    .isFalse();
        }
    }

    @Test
    void rejectsASignatureByAnotherKey() {
        byte[] message = "hello".getBytes();
        byte[] signature = Ed25519.sign(keyPair(1).privateKey(), message);

        assertThat(Ed25519.verify(keyPair(2).publicKey(), message, signature)).isFalse();
    }

    @Test
    void verifyReturnsFalseInsteadOfThrowingForBadInput() {
        Ed25519.KeyPair keys = keyPair(3);
        byte[] message = "x".getBytes();
        byte[] signature = Ed25519.sign(keys.privateKey(), message);

        assertThat(Ed25519.verify(null, message, signature)).isFalse();
        assertThat(Ed25519.verify(keys.publicKey(), null, signature)).isFalse();
        assertThat(Ed25519.verify(keys.publicKey(), message, null)).isFalse();
        assertThat(Ed25519.verify(new byte[31], message, signature)).isFalse();
        assertThat(Ed25519.verify(keys.publicKey(), message, new byte[63])).isFalse();
        assertThat(Ed25519.verify(keys.publicKey(), message, new byte[65])).isFalse();
        // y = 2 is not the y-coordinate of any curve point.
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2;
        assertThat(Ed25519.verify(notAPoint, message, signature)).isFalse();
        byte[] allOnes = new byte[32];
        java.util.Arrays.fill(allOnes, (byte) 0xff);
        assertThat(Ed25519.verify(allOnes, message, signature)).isFalse();
    }

    @Test
    void verifyNeverThrowsForRandomKeysAndSignatures() {
        Random random = new Random(32);
        byte[] message = "m".getBytes();
        for (int i = 0; i < 2_000; i++) {
            byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_BYTES];
            byte[] signature = new byte[Ed25519.SIGNATURE_BYTES];
            random.nextBytes(publicKey);
            random.nextBytes(signature);

            assertThat(Ed25519.verify(publicKey, message, signature)).isFalse();
        }
    }

    @Test
    void rejectsPrivateKeysOfTheWrongLength() {
        assertThatThrownBy(() -> Ed25519.sign(new byte[31], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32-byte")
                .hasMessageContaining("got 31 bytes");
        assertThatThrownBy(() -> Ed25519.publicKeyOf(new byte[64]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 64 bytes");
    }

    @Test
    void keyPairCopiesItsArraysAndNeverPrintsThePrivateKey() {
        Ed25519.KeyPair keys = keyPair(4);
        String privateHex = Hex.encode(keys.privateKey());

        keys.privateKey()[0] ^= 1;
        keys.publicKey()[0] ^= 1;

        assertThat(Hex.encode(keys.privateKey())).isEqualTo(privateHex);
        assertThat(Ed25519.publicKeyOf(keys.privateKey())).isEqualTo(keys.publicKey());
        assertThat(keys.toString()).contains(keys.publicKeyHex()).doesNotContain(privateHex);
        assertThat(keys).isEqualTo(keyPair(4)).isNotEqualTo(keyPair(5));
    }

    /** A deterministic key pair for tests. */
    static Ed25519.KeyPair keyPair(long seed) {
        byte[] privateKey = new byte[Ed25519.PRIVATE_KEY_BYTES];
        new Random(seed).nextBytes(privateKey);
        return new Ed25519.KeyPair(privateKey, Ed25519.publicKeyOf(privateKey));
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
