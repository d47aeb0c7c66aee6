package io.cere.stack.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.launcher.DataDirectory;
import io.cere.stack.storage.s3.auth.AccessKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BannerTest {

    private static final AccessKey KEY =
            new AccessKey("CEREABCDEFGHIJKLMNOP", "s3cr3t/s3cr3t+s3cr3t0123456789abcdefghij");

    @TempDir Path dir;

    private LocalStackOptions options(
            Path dataDir, int kafka, int gateway, int flink, Optional<Path> rules) {
        return new LocalStackOptions(
                new DataDirectory(dataDir),
                "127.0.0.1",
                kafka,
                kafka + 1,
                gateway,
                flink,
                9101,
                rules,
                2,
                Duration.ofMinutes(3),
                java.util.Map.of());
    }

    @Test
    void namesEveryUrlAndTheNextCommands() {
        Path dataDir = dir.resolve(".cere");
        String banner =
                Banner.text(
                        options(dataDir, 9092, 8080, 8081, Optional.empty()),
                        Duration.ofMillis(23_456),
                        dataDir,
                        dataDir.resolve("kafka/broker.log"),
                        KEY);

        assertThat(banner)
                .startsWith("Cere local stack is up (started in 23.5 s)")
                .contains("Flink web UI   http://127.0.0.1:8081")
                .contains("Gateway        http://127.0.0.1:8080/events")
                .contains("Kafka          127.0.0.1:9092")
                .contains("events.raw (2), events.valid (2), events.rejected (1)")
                .contains("Data dir       " + dataDir)
                .contains("Logs dir       " + dataDir.resolve("logs"))
                .contains(dataDir.resolve("kafka/broker.log").toString())
                .contains("  bin/cere keygen\n")
                .contains(
                        "  bin/cere send --app demo --type hello --payload"
                                + " '{\"hello\":\"world\"}'")
                .contains("  bin/cere tail events.valid --from-beginning")
                .contains("Storage        6 nodes http://127.0.0.1:9101 .. http://127.0.0.1:9106")
                .contains("erasure code 4+2")
                .contains("S3 endpoint    http://127.0.0.1:9101")
                .contains("S3 access key  CEREABCDEFGHIJKLMNOP")
                .contains("S3 secret key  s3cr3t/s3cr3t+s3cr3t0123456789abcdefghij")
                .contains("Native API     http://127.0.0.1:9101/cas/{bucket}")
                .contains("  bin/cere storage put FILE\n")
                .contains("  bin/cere storage ls\n")
                .doesNotContain("--data-dir")
                .doesNotContain("--gateway ")
                .doesNotContain("--bootstrap-servers");
    }

    @Test
    void tellsTheOptionsTheNextCommandsNeedOffTheDefaults() {
        Path dataDir = dir.resolve("elsewhere");
        String banner =
                Banner.text(
                        options(dataDir, 19092, 18080, 18081, Optional.empty()),
                        Duration.ofSeconds(1),
                        dir.resolve(".cere"),
                        dataDir.resolve("kafka/broker.log"),
                        KEY);

        assertThat(banner)
                .contains("bin/cere keygen --data-dir " + dataDir)
                .contains(
                        "bin/cere send --data-dir "
                                + dataDir
                                + " --gateway http://127.0.0.1:18080 ")
                .contains("bin/cere tail events.valid --bootstrap-servers 127.0.0.1:19092");
    }

    @Test
    void listsRoutedTopics() throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(
                rules,
                "{\"routes\": [{\"appId\": \"shop\", \"type\": \"order.*\", \"topic\":"
                        + " \"events.orders\"}]}");

        String banner =
                Banner.text(
                        options(dir, 9092, 8080, 8081, Optional.of(rules)),
                        Duration.ofSeconds(1),
                        dir,
                        dir.resolve("kafka/broker.log"),
                        KEY);

        assertThat(banner).contains("events.rejected (1), events.orders (2)");
    }
}
