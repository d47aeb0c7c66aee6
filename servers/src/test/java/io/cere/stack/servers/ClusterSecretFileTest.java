package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretFileTest {

    @TempDir Path dir;

    @Test
    void writes64HexCharactersReadableByTheOwnerOnly() throws Exception {
        Path file = ClusterSecretFile.createIfAbsent(dir.resolve("storage/cluster-secret"));

        assertThat(Files.readString(file)).matches("[0-9a-f]{64}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(ClusterSecretFile.read(file)).hasSize(64);
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void keepsAnExistingSecret() throws Exception {
        Path file = ClusterSecretFile.createIfAbsent(dir.resolve("cluster-secret"));
        String first = ClusterSecretFile.read(file);

        ClusterSecretFile.createIfAbsent(file);

        assertThat(ClusterSecretFile.read(file)).isEqualTo(first);
    }

    @Test
    void drawsANewSecretForEachCluster() throws Exception {
        String one = ClusterSecretFile.read(ClusterSecretFile.createIfAbsent(dir.resolve("a")));
        String two = ClusterSecretFile.read(ClusterSecretFile.createIfAbsent(dir.resolve("b")));

        assertThat(one).isNotEqualTo(two);
    }
}
