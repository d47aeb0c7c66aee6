package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandTest {

    @TempDir Path dir;

    private JavaCommand command(boolean supervised) {
        return new JavaCommand(
                Path.of("/jdk/bin/java"),
                "512m",
                dir.resolve("tmp"),
                dir.resolve("logs"),
                List.of("-XX:+UseG1GC", "-Dfoo=bar"),
                List.of(Path.of("/jars/kafka.jar"), Path.of("/jars/scala.jar")),
                supervised,
                "kafka.Kafka",
                List.of("server.properties"));
    }

    @Test
    void runsTheMainClassUnderSupervisionOfThisProcess() throws Exception {
        List<String> command = command(true).toList();

        Path supervisor = dir.resolve("tmp/cere-supervisor");
        assertThat(command)
                .startsWith("/jdk/bin/java", "-Xmx512m", "-Djava.io.tmpdir=" + dir.resolve("tmp"))
                .contains("-XX:-UsePerfData")
                .endsWith(
                        "-cp",
                        String.join(
                                File.pathSeparator,
                                supervisor.toString(),
                                "/jars/kafka.jar",
                                "/jars/scala.jar"),
                        "io.cere.stack.servers.Supervised",
                        Long.toString(ProcessHandle.current().pid()),
                        "kafka.Kafka",
                        "server.properties");
        assertThat(command.indexOf("-Dfoo=bar"))
                .as("the caller's options come after ours, so they win")
                .isGreaterThan(command.indexOf("-XX:-UsePerfData"));
    }

    @Test
    void putsOnlyTheSupervisorClassOnTheServerClassPath() throws Exception {
        command(true).toList();

        Path root = dir.resolve("tmp/cere-supervisor");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(root::relativize).map(Path::toString))
                    .containsExactly("io/cere/stack/servers/Supervised.class");
        }
    }

    @Test
    void runsTheMainClassDirectlyWhenUnsupervised() throws Exception {
        List<String> command = command(false).toList();

        assertThat(command)
                .endsWith(
                        "-cp",
                        "/jars/kafka.jar" + File.pathSeparator + "/jars/scala.jar",
                        "kafka.Kafka",
                        "server.properties")
                .doesNotContain("io.cere.stack.servers.Supervised");
        assertThat(dir.resolve("tmp/cere-supervisor")).doesNotExist();
    }
}
