package io.cere.stack.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @TempDir Path dir;

    @Test
    void oneHolderAtATimeAndTheFileGoesWithTheLock() throws Exception {
        Path file = dir.resolve("run/launcher.lock");

        Optional<DataDirLock> first = DataDirLock.tryAcquire(file);
        assertThat(first).isPresent();
        assertThat(DataDirLock.holder(file))
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(DataDirLock.tryAcquire(file)).isEmpty();

        first.get().close();
        assertThat(file).doesNotExist();
        Optional<DataDirLock> second = DataDirLock.tryAcquire(file);
        assertThat(second).isPresent();
        second.get().close();
    }

    @Test
    void deleteContentsEmptiesADirectoryAndKeepsIt() throws Exception {
        Files.createDirectories(dir.resolve("tmp/flink/blobStore/x"));
        Files.writeString(dir.resolve("tmp/flink/blobStore/x/rpc.jar"), "jar");
        Files.writeString(dir.resolve("tmp/file"), "f");

        LocalStack.deleteContents(dir.resolve("tmp"));

        assertThat(dir.resolve("tmp")).isEmptyDirectory();
    }
}
