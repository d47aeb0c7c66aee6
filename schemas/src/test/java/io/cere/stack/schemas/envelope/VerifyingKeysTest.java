package io.cere.stack.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifyingKeysTest {

    private static Ed25519.KeyPair keyPair(long seed) {
        Random random = new Random(seed);
        return Ed25519.generate(
                new SecureRandom() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public void nextBytes(byte[] bytes) {
                        random.nextBytes(bytes);
                    }
                });
    }

    @Test
    void verifiesLikeTheBytePathForGoodAndBadSignatures() {
        Ed25519.KeyPair keys = keyPair(1);
        byte[] message = "an event".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Ed25519.sign(keys.privateKey(), message);
        Ed25519.VerifyingKey key = new VerifyingKeys(4).get(keys.publicKeyHex());

        assertThat(key.verify(message, signature)).isTrue();
        signature[10] ^= 1;
        assertThat(key.verify(message, signature)).isFalse();
        assertThat(key.verify(message, new byte[63])).isFalse();
        assertThat(key.verify(null, signature)).isFalse();
    }

    @Test
    void decodesEachAccountOnceAndKeepsOnlyTheMostRecent() {
        VerifyingKeys cache = new VerifyingKeys(2);
        String a = keyPair(1).publicKeyHex();
        String b = keyPair(2).publicKeyHex();
        String c = keyPair(3).publicKeyHex();

        Ed25519.VerifyingKey first = cache.get(a);
        assertThat(cache.get(a)).isSameAs(first);
        cache.get(b);
        cache.get(a); // a is now the most recent, b the eldest
        cache.get(c);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(a)).isSameAs(first);
    }

    @Test
    void keyThatIsNotACurvePointNeverVerifies() {
        byte[] message = "m".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Ed25519.sign(keyPair(1).privateKey(), message);
        String notAPoint = "ff".repeat(32);

        assertThat(new VerifyingKeys(1).get(notAPoint).verify(message, signature)).isFalse();
    }

    @Test
    void rejectsCapacityBelowOneAndMalformedAccountIds() {
        assertThatThrownBy(() -> new VerifyingKeys(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new VerifyingKeys(1).get("abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
