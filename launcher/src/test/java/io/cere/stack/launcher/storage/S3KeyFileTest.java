package io.cere.stack.launcher.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.auth.CredentialsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3KeyFileTest {

    @TempDir Path dir;

    @Test
    void makesARandomKeyOnceReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("storage").resolve(S3KeyFile.NAME);

        AccessKey made = S3KeyFile.ensure(file);
        AccessKey again = S3KeyFile.ensure(file);

        assertThat(again).isEqualTo(made);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(CredentialsFile.load(file).keys()).containsExactly(made);
        assertThat(made.id()).startsWith("CERE").hasSize(20);
        assertThat(made.secret()).hasSize(40);
        assertThat(S3KeyFile.ensure(dir.resolve("other").resolve(S3KeyFile.NAME)))
                .isNotEqualTo(made);
    }

    @Test
    void keysDifferWithTheRandomness() {
        assertThat(S3KeyFile.generate(new Random(1L)))
                .isNotEqualTo(S3KeyFile.generate(new Random(2L)))
                .isEqualTo(S3KeyFile.generate(new Random(1L)));
    }
}
