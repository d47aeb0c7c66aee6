package io.cere.stack.launcher.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.schemas.envelope.Ed25519;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir Path dir;

    private static SigningKey newKey() {
        return new SigningKey(Ed25519.generate(new SecureRandom()));
    }

    @Test
    void rejectsAPublicKeyThatDoesNotBelongToThePrivateKey() throws Exception {
        SigningKey key = newKey();
        String other = newKey().accountId();
        Path file = dir.resolve("k.json");
        Files.writeString(
                file,
                key.toJson()
                        .replace(
                                "\"publicKey\" : \"" + key.accountId(),
                                "\"publicKey\" : \"" + other));

        assertThatThrownBy(() -> SigningKey.readFrom(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("publicKey is not the public key of privateKey");
    }

    @Test
    void rejectsAPrivateKeyOfTheWrongLength() throws Exception {
        Path file = dir.resolve("k.json");
        Files.writeString(file, "{\"privateKey\": \"abcd\"}");

        assertThatThrownBy(() -> SigningKey.readFrom(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privateKey has 4 characters; expected a string of 64 hex");
    }

    @Test
    void rejectsAFileThatIsNotJson() throws Exception {
        Path file = dir.resolve("k.json");
        Files.writeString(file, "not json");

        assertThatThrownBy(() -> SigningKey.readFrom(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not JSON");
    }

    @Test
    void neverShowsThePrivateKeyInToString() {
        SigningKey key = newKey();
        assertThat(key.toString()).contains(key.accountId()).doesNotContain("privateKey");
    }
}
