package io.cere.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayOptionsTest {

    @Test
    void hasDocumentedDefaults() {
        GatewayOptions options =
                GatewayOptions.builder().bootstrapServers("127.0.0.1:9092").build();

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.topic()).isEqualTo("events.raw");
        assertThat(options.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(options.maxInFlightEvents()).isEqualTo(20_000);
        assertThat(options.threads()).isEqualTo(4);
        assertThat(options.producerOverrides()).isEmpty();
    }

    @Test
    void requiresBootstrapServers() {
        assertThatThrownBy(() -> GatewayOptions.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrapServers: required");
    }

    @Test
    void namesEveryInvalidOptionAtOnce() {
        assertThatThrownBy(
                        () ->
                                GatewayOptions.builder()
                                        .host(" ")
                                        .port(70_000)
                                        .bootstrapServers("localhost")
                                        .topic("events raw")
                                        .maxBodyBytes(0)
                                        .maxInFlightEvents(0)
                                        .threads(0)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host:")
                .hasMessageContaining("port: expected 0..65535 (0 picks a free port), got 70000")
                .hasMessageContaining("bootstrapServers: expected host:port")
                .hasMessageContaining("'localhost'")
                .hasMessageContaining("topic:")
                .hasMessageContaining("maxBodyBytes:")
                .hasMessageContaining("maxInFlightEvents: expected at least 1, got 0")
                .hasMessageContaining("threads:");
    }

    @Test
    void refusesProducerOverridesThatBreakTheAcknowledgementGuarantee() {
        GatewayOptions.Builder builder =
                GatewayOptions.builder()
                        .bootstrapServers("127.0.0.1:9092")
                        .producerOverride("acks", "1")
                        .producerOverride("enable.idempotence", "false")
                        .producerOverride("key.serializer", "x")
                        .producerOverride("no.such.setting", "1");

        assertThatThrownBy(builder::build)
                .hasMessageContaining("acks=1")
                .hasMessageContaining("enable.idempotence=false")
                .hasMessageContaining("key.serializer is set by the gateway")
                .hasMessageContaining("unknown Kafka producer setting 'no.such.setting'");
    }

    @Test
    void producerConfigWaitsForEveryReplicaAndAppliesOverrides() {
        GatewayOptions options =
                GatewayOptions.builder()
                        .bootstrapServers("127.0.0.1:9092")
                        .producerOverride("acks", "-1")
                        .producerOverride("linger.ms", "20")
                        .producerOverride("security.protocol", "PLAINTEXT")
                        .build();

        Map<String, Object> producer = options.producerConfig();
        assertThat(producer)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "-1")
                .containsEntry("linger.ms", "20")
                .containsKeys("max.block.ms", "buffer.memory", "delivery.timeout.ms");
        assertThat(options.adminConfig())
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "PLAINTEXT")
                .doesNotContainKey("linger.ms");
    }

    @Test
    void printsEveryOption() {
        GatewayOptions options =
                GatewayOptions.builder()
                        .bootstrapServers("127.0.0.1:9092")
                        .port(0)
                        .producerOverride("linger.ms", "20")
                        .build();

        assertThat(options.toString())
                .contains("host=127.0.0.1")
                .contains("port=0")
                .contains("bootstrapServers=127.0.0.1:9092")
                .contains("topic=events.raw")
                .contains("maxBodyBytes=1048576")
                .contains("maxInFlightEvents=20000")
                .contains("threads=4")
                .contains("linger.ms=20");
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }
}
