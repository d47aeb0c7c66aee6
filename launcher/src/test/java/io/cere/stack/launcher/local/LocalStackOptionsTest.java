package io.cere.stack.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.launcher.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackOptionsTest {

    @TempDir Path dir;

    private LocalStackOptions withJobOptions(Map<String, String> jobOptions) {
        return new LocalStackOptions(
                new DataDirectory(dir),
                "127.0.0.1",
                9092,
                9093,
                8080,
                8081,
                9101,
                Optional.empty(),
                2,
                Duration.ofMinutes(1),
                jobOptions);
    }

    @Test
    void passesTunableJobOptionsToTheFlinkProcess() {
        LocalStackOptions options = withJobOptions(Map.of("cere.ingest.replay-window", "1 h"));

        List<String> args = FlinkJvm.args(options, new DataDirectory(dir));

        assertThat(String.join(" ", args)).contains("--cere.ingest.replay-window 1 h");
    }

    @Test
    void rejectsJobOptionsTheStackDecidesOrDoesNotKnow() {
        assertThatThrownBy(() -> withJobOptions(Map.of("cere.ingest.topic.valid", "other")))
                .hasMessageContaining("--job-option cere.ingest.topic.valid")
                .hasMessageContaining("cere.ingest.replay-window");
        assertThatThrownBy(() -> withJobOptions(Map.of("cere.ingest.replay-windw", "1 h")))
                .hasMessageContaining("cere.ingest.replay-windw");
    }

    @Test
    void rejectsJobOptionValuesIngestJobWouldRefuse() {
        assertThatThrownBy(() -> withJobOptions(Map.of("cere.ingest.replay-window", "0 s")))
                .hasMessageContaining("--job-option")
                .hasMessageContaining("cere.ingest.replay-window must be positive");
    }

    private LocalStackOptions options(int parallelism, Optional<Path> rules, int... ports) {
        return new LocalStackOptions(
                new DataDirectory(dir),
                "127.0.0.1",
                ports[0],
                ports[1],
                ports[2],
                ports[3],
                ports.length > 4 ? ports[4] : 9101,
                rules,
                parallelism,
                Duration.ofMinutes(1),
                java.util.Map.of());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> options(0, Optional.empty(), 0, 9093, 9093, 70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-port must be between 1 and 65535, got 0")
                .hasMessageContaining("--flink-port must be between 1 and 65535, got 70000")
                .hasMessageContaining("--gateway-port and --kafka-controller-port are both 9093")
                .hasMessageContaining("--parallelism must be between 1 and 64, got 0");
    }

    @Test
    void rejectsRoutingRulesThatDoNotLoad() throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, "{\"routes\": [{\"appId\": \"a\", \"type\": \"t\"}]}");

        assertThatThrownBy(() -> options(2, Optional.of(rules), 9092, 9093, 8080, 8081))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--routing-rules: routing rules " + rules)
                .hasMessageContaining("routes[0]")
                .hasMessageContaining("'topic'");
    }

    @Test
    void createsTheIngestTopicsAndEachRoutedTopicOnce() throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(
                rules,
                "{\"routes\": ["
                        + "{\"appId\": \"shop\", \"type\": \"order.*\", \"topic\": \"events.orders\"},"
                        + "{\"appId\": \"*\", \"type\": \"order.paid\", \"topic\": \"events.orders\"},"
                        + "{\"appId\": \"*\", \"type\": \"x\", \"topic\": \"events.valid\"}]}");

        LocalStackOptions options = options(2, Optional.of(rules), 9092, 9093, 8080, 8081);

        assertThat(options.topics())
                .containsExactly(
                        new LocalStackOptions.Topic("events.raw", 2),
                        new LocalStackOptions.Topic("events.valid", 2),
                        new LocalStackOptions.Topic("events.rejected", 1),
                        new LocalStackOptions.Topic("events.orders", 2),
                        new LocalStackOptions.Topic("activity", 2));
    }

    @Test
    void listsEveryPortWithTheOptionThatMovesIt() {
        LocalStackOptions options = options(2, Optional.empty(), 9092, 9093, 8080, 8081);

        assertThat(options.ports())
                .extracting(p -> p.role() + "=" + p.option() + "=" + p.number())
                .containsExactly(
                        "Kafka=--kafka-port=9092",
                        "Kafka controller=--kafka-controller-port=9093",
                        "gateway=--gateway-port=8080",
                        "Flink web UI=--flink-port=8081",
                        "storage node 1=--storage-base-port=9101",
                        "storage node 2=--storage-base-port=9102",
                        "storage node 3=--storage-base-port=9103",
                        "storage node 4=--storage-base-port=9104",
                        "storage node 5=--storage-base-port=9105",
                        "storage node 6=--storage-base-port=9106");
        assertThat(options.storageUrls())
                .startsWith("http://127.0.0.1:9101")
                .endsWith("http://127.0.0.1:9106")
                .hasSize(6);
        assertThat(options.gatewayUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(options.flinkUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void rejectsStoragePortsThatRunPastTheLastOrMeetAnotherServersPort() {
        assertThatThrownBy(() -> options(2, Optional.empty(), 9092, 9093, 8080, 8081, 65531))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--storage-base-port must be between 1 and 65530")
                .hasMessageContaining("got 65531");
        assertThatThrownBy(() -> options(2, Optional.empty(), 9092, 9093, 8080, 8081, 8078))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "--storage-base-port (storage node 3) and --gateway-port are both 8080")
                .hasMessageContaining(
                        "--storage-base-port (storage node 4) and --flink-port are both 8081");
    }
}
