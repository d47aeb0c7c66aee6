package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSectionTest {

    @TempDir Path dir;

    @Test
    void lastLinesSeesOnlyWhatWasWrittenSinceTheStart() throws Exception {
        Path log = dir.resolve("server.log");
        Files.writeString(log, "earlier run\n");
        LogSection section = LogSection.startingAtEndOf(log);
        append(log, "one\ntwo\nthree\n");

        assertThat(section.lastLines(2)).containsExactly("two", "three");
        assertThat(section.lastLines(10)).containsExactly("one", "two", "three");
    }

    @Test
    void watchFindsTextWrittenInPieces() throws Exception {
        Path log = dir.resolve("server.log");
        Files.writeString(log, "Kafka Server started (earlier run)\n");
        LogSection.Watch watch = LogSection.startingAtEndOf(log).watchFor("Kafka Server started");

        append(log, "[..] INFO Kafka Ser");
        assertThat(watch.appeared()).isFalse();
        append(log, "ver started (kafka.server.KafkaRaftServer)\n");
        assertThat(watch.appeared()).isTrue();
    }

    @Test
    void watchWaitsForAFileThatDoesNotExistYet() throws Exception {
        Path log = dir.resolve("server.log");
        LogSection.Watch watch = LogSection.startingAtEndOf(log).watchFor("ready");

        assertThat(watch.appeared()).isFalse();
        append(log, "ready\n");
        assertThat(watch.appeared()).isTrue();
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(
                file,
                text,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
