package io.cere.stack.storage.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretTest {

    private static final String HEX_SECRET =
            "3f5a0c9e7b1d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468";

    @TempDir Path dir;

    @Test
    void readsOneLineAndSendsItAsABearerToken() throws Exception {
        Path file = write(HEX_SECRET + "\n");

        ClusterSecret secret = ClusterSecret.load(file);

        assertThat(secret.authorization()).isEqualTo("Bearer " + HEX_SECRET);
        assertThat(secret.matches(HEX_SECRET)).isTrue();
    }

    @Test
    void matchesOnlyTheSameSecret() {
        ClusterSecret secret = ClusterSecret.parse(HEX_SECRET, "test");

        assertThat(secret.matches(HEX_SECRET.substring(0, 63) + "9")).isFalse();
        assertThat(secret.matches(HEX_SECRET.substring(0, 32))).isFalse();
        assertThat(secret.matches(HEX_SECRET + "0")).isFalse();
        assertThat(secret.matches("")).isFalse();
    }

    @Test
    void neverShowsTheSecret() throws Exception {
        Path file = write(HEX_SECRET);

        assertThat(ClusterSecret.load(file).toString())
                .contains(file.toAbsolutePath().toString())
                .doesNotContain(HEX_SECRET);
    }

    @Test
    void refusesAMissingFile() {
        Path missing = dir.resolve("no-such-secret");

        assertThatThrownBy(() -> ClusterSecret.load(missing))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessage("cluster secret file " + missing.toAbsolutePath() + " does not exist");
    }

    @Test
    void refusesAFileItCannotRead() {
        assertThatThrownBy(() -> ClusterSecret.load(dir))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessageStartingWith("cannot read cluster secret file " + dir.toAbsolutePath());
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        Path file = write("\n");

        assertThatThrownBy(() -> ClusterSecret.load(file))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessage(
                        "cluster secret file "
                                + file.toAbsolutePath()
                                + " is empty; expected one line of at least 32 characters");
    }

    @Test
    void refusesASecretShorterThan32Characters() throws Exception {
        Path file = write(HEX_SECRET.substring(0, 31) + "\n");

        assertThatThrownBy(() -> ClusterSecret.load(file))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessageStartingWith(
                        "cluster secret file "
                                + file.toAbsolutePath()
                                + " holds 31 characters; expected at least 32")
                .hasMessageNotContaining(HEX_SECRET.substring(0, 31));
    }

    @Test
    void acceptsExactly32Characters() {
        assertThat(
                        ClusterSecret.parse(HEX_SECRET.substring(0, 32), "test")
                                .matches(HEX_SECRET.substring(0, 32)))
                .isTrue();
    }

    @Test
    void refusesMoreThanOneLineOrSpaces() {
        assertThatThrownBy(() -> ClusterSecret.parse(HEX_SECRET + "\n" + HEX_SECRET, "file s"))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessage(
                        "file s has a second line at character 65; expected one line of"
                                + " printable ASCII without spaces");
        assertThatThrownBy(() -> ClusterSecret.parse("my cluster secret is long enough here", "s"))
                .hasMessageContaining("has a space at character 3");
    }

    @Test
    void findsPermissionsThatShareTheFile() throws Exception {
        Path file = write(HEX_SECRET);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ClusterSecret.sharedPermissions(file)).isEmpty();

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(ClusterSecret.sharedPermissions(file))
                .containsExactly(PosixFilePermission.GROUP_READ);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThat(ClusterSecret.sharedPermissions(file))
                .containsExactly(PosixFilePermission.OTHERS_READ);
    }

    private Path write(String content) throws Exception {
        return Files.writeString(dir.resolve("cluster-secret"), content);
    }
}
