package io.cere.stack.launcher.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cere.stack.launcher.CereCli;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.schemas.envelope.Hex;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeygenCommandTest {

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = CereCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void writesAKeyPairReadableByItsOwnerOnlyAndPrintsTheAccountId() throws Exception {
        assertThat(run("keygen", "--data-dir", dir.toString())).isZero();

        Path file = dir.resolve("keys/default.json");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(SigningKey.OWNER_ONLY);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("accountId", "publicKey", "privateKey");
        byte[] privateKey = Hex.decode(json.get("privateKey").asText());
        String publicKey = Hex.encode(Ed25519.publicKeyOf(privateKey));
        assertThat(json.get("publicKey").asText()).isEqualTo(publicKey).hasSize(64);
        assertThat(json.get("accountId").asText()).isEqualTo(publicKey);
        assertThat(out.toString().trim()).isEqualTo(publicKey);
    }

    @Test
    void refusesToOverwriteAKeyWithoutForce() throws Exception {
        Path file = dir.resolve("mine.json");
        assertThat(run("keygen", "--out", file.toString())).isZero();
        String first = Files.readString(file);

        assertThat(run("keygen", "--out", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(file + " already exists").contains("--force");
        assertThat(Files.readString(file)).isEqualTo(first);

        assertThat(run("keygen", "--out", file.toString(), "--force")).isZero();
        assertThat(Files.readString(file)).isNotEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(SigningKey.OWNER_ONLY);
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void aWrittenKeyReadsBack() throws Exception {
        Path file = dir.resolve("k.json");
        assertThat(run("keygen", "--out", file.toString())).isZero();

        SigningKey key = SigningKey.readFrom(file);

        assertThat(key.accountId()).isEqualTo(out.toString().trim());
    }
}
