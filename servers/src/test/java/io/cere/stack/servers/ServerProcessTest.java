package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {

    @TempDir Path dir;

    @Test
    void rejectsAHeapThatIsNotASize() {
        assertThatThrownBy(
                        () ->
                                ServerProcess.builder()
                                        .name("test server")
                                        .mainClass("Main")
                                        .classPath(List.of(dir))
                                        .workingDir(dir)
                                        .logFile(dir.resolve("log"))
                                        .heap("-Xmx512m")
                                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ServerProcess.heap is -Xmx512m; expected a size such as 512m");
    }

    @Test
    void rejectsAMissingMainClass() {
        assertThatThrownBy(
                        () ->
                                ServerProcess.builder()
                                        .name("test server")
                                        .classPath(List.of(dir))
                                        .workingDir(dir)
                                        .logFile(dir.resolve("log"))
                                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mainClass");
    }

    @Test
    void namesTheSignalBehindAnExitCode() {
        assertThat(ServerProcess.describeExit(137)).isEqualTo("exited with code 137 (signal 9)");
        assertThat(ServerProcess.describeExit(1)).isEqualTo("exited with code 1");
    }
}
