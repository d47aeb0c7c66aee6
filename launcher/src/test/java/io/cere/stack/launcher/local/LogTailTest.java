package io.cere.stack.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir Path dir;

    @Test
    void showsOnlyTheLatestRunWithLongLinesCut() throws Exception {
        Path log = dir.resolve("gateway.log");
        Files.writeString(
                log,
                String.join(
                        "\n",
                        "--- 2026-11-21T08:00:00Z starting Event gateway: java -cp a:b:c",
                        "earlier run",
                        "--- 2026-11-21T09:00:00Z starting Event gateway: java -cp a:b:c",
                        "x".repeat(1000),
                        "Exception in thread \"main\" java.lang.IllegalStateException: boom",
                        ""));

        assertThat(LogTail.lastLines(log, 30))
                .containsExactly(
                        "x".repeat(LogTail.MAX_LINE_CHARS) + " ... (1000 characters)",
                        "Exception in thread \"main\" java.lang.IllegalStateException: boom");
        assertThat(LogTail.lastLines(log, 1))
                .containsExactly(
                        "Exception in thread \"main\" java.lang.IllegalStateException: boom");
    }

    @Test
    void saysSoWhenThereIsNoLog() {
        assertThat(LogTail.describe(dir.resolve("none.log"), 5)).startsWith("(no log at ");
    }
}
