package io.cere.stack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestOptionsTest {

    @TempDir Path dir;

    private static Map<String, String> minimal() {
        Map<String, String> options = new HashMap<>();
        options.put("cere.kafka.bootstrap-servers", "kafka:9092");
        return options;
    }

    @Test
    void appliesDefaultsWhenOnlyTheBrokerIsGiven() {
        IngestOptions options = IngestOptions.fromMap(minimal());

        assertThat(options.rawTopic()).isEqualTo("events.raw");
        assertThat(options.validTopic()).isEqualTo("events.valid");
        assertThat(options.rejectedTopic()).isEqualTo("events.rejected");
        assertThat(options.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.replayWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.routingRules().rules()).isEmpty();
        assertThat(options.toString()).contains("cere.kafka.bootstrap-servers = kafka:9092");
    }

    @Test
    void requiresTheBootstrapServers() {
        assertThatThrownBy(() -> IngestOptions.fromMap(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cere.kafka.bootstrap-servers is required");
    }

    @Test
    void namesEveryBadOptionAtOnce() {
        Map<String, String> options = minimal();
        options.put("cere.ingest.replay-window", "0 s");
        options.put("cere.ingest.transaction-timeout", "1 h");
        options.put("cere.ingest.topic.valid", "events.raw");

        assertThatThrownBy(() -> IngestOptions.fromMap(options))
                .hasMessageContaining("cere.ingest.replay-window must be positive")
                .hasMessageContaining("cere.ingest.transaction-timeout must be between")
                .hasMessageContaining("the raw topic 'events.raw' must differ");
    }

    @Test
    void loadsRoutingRulesAndRejectsAMissingFile() throws Exception {
        Path rules = dir.resolve("routes.json");
        Files.writeString(
                rules,
                "{\"routes\": [{\"appId\": \"shop\", \"type\": \"*\", \"topic\": \"events.shop\"}]}");
        Map<String, String> options = minimal();
        options.put("cere.ingest.routing-rules", rules.toString());

        assertThat(IngestOptions.fromMap(options).routingRules().topics())
                .containsExactly("events.shop");

        options.put("cere.ingest.routing-rules", dir.resolve("none.json").toString());
        assertThatThrownBy(() -> IngestOptions.fromMap(options))
                .hasMessageContaining("cere.ingest.routing-rules: no readable file at");
    }
}
