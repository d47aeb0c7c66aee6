package io.cere.stack.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {

    @Test
    void readsKeysSkippingCommentsAndBlankLines(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("s3-credentials");
        Files.writeString(
                file, "# keys\n\nadmin   admin-secret-1\r\n  backup\tbackup/secret+2  \n# end\n");
        Credentials credentials = CredentialsFile.load(file);
        assertThat(credentials.keys())
                .containsExactly(
                        new AccessKey("admin", "admin-secret-1"),
                        new AccessKey("backup", "backup/secret+2"));
        assertThat(credentials.find("backup")).isPresent();
        assertThat(credentials.find("nobody")).isEmpty();
    }

    @Test
    void namesTheLineOfAMalformedEntry() {
        assertThatThrownBy(() -> CredentialsFile.parse("# c\nadmin secret-ok-1\nlonely\n", "f"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "f line 3: expected '<access key id> <secret access key>', found 1 field");
        assertThatThrownBy(() -> CredentialsFile.parse("a b c\n", "f"))
                .hasMessageStartingWith("f line 1:")
                .hasMessageContaining("found 3 fields");
    }

    @Test
    void namesTheLineOfABadIdOrSecretWithoutShowingTheSecret() {
        assertThatThrownBy(() -> CredentialsFile.parse("okay secret-one\nbad! secret-two\n", "f"))
                .hasMessageStartingWith("f line 2: access key id 'bad!'");
        assertThatThrownBy(() -> CredentialsFile.parse("short tiny\n", "f"))
                .hasMessageStartingWith("f line 1: secret of access key 'short'")
                .hasMessageNotContaining("tiny");
    }

    @Test
    void refusesRepeatedIdsAndEmptyFiles() {
        assertThatThrownBy(() -> CredentialsFile.parse("kkk secret-one\nkkk secret-two\n", "f"))
                .hasMessage("f line 2: access key id 'kkk' is already defined on line 1");
        assertThatThrownBy(() -> CredentialsFile.parse("# nothing\n\n", "f"))
                .hasMessageStartingWith("f: no access keys");
    }

    @Test
    void accessKeysNeverPrintTheirSecret() {
        assertThat(new AccessKey("admin", "admin-secret-1").toString())
                .doesNotContain("admin-secret-1");
    }
}
