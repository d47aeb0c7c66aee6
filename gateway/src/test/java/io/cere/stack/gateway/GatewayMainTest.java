package io.cere.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GatewayMainTest {

    @Test
    void parsesEveryOption() throws Exception {
        GatewayOptions options =
                GatewayMain.parse(
                        new String[] {
                            "--host",
                            "0.0.0.0",
                            "--port=9000",
                            "--bootstrap-servers",
                            "a:9092,b:9093",
                            "--topic",
                            "events.test",
                            "--max-body-bytes",
                            "2048",
                            "--max-in-flight=10",
                            "--threads",
                            "2",
                            "--producer-property",
                            "linger.ms=7",
                        });

        assertThat(options)
                .isEqualTo(
                        GatewayOptions.builder()
                                .host("0.0.0.0")
                                .port(9000)
                                .bootstrapServers("a:9092,b:9093")
                                .topic("events.test")
                                .maxBodyBytes(2048)
                                .maxInFlightEvents(10)
                                .threads(2)
                                .producerOverride("linger.ms", "7")
                                .build());
    }

    @Test
    void helpReturnsNoOptions() throws Exception {
        assertThat(GatewayMain.parse(new String[] {"--port", "1", "--help"})).isNull();
        assertThat(GatewayMain.USAGE).contains("--bootstrap-servers").contains("--max-in-flight");
    }

    @Test
    void namesTheWrongArgument() {
        assertThatThrownBy(
                        () ->
                                GatewayMain.parse(
                                        new String[] {"--bootstrap-servers", "a:1", "--prot", "1"}))
                .isInstanceOf(GatewayMain.UsageException.class)
                .hasMessage("unknown argument '--prot'");
        assertThatThrownBy(
                        () ->
                                GatewayMain.parse(
                                        new String[] {"--bootstrap-servers", "a:1", "--port", "x"}))
                .hasMessage("--port: expected a whole number, got 'x'");
        assertThatThrownBy(() -> GatewayMain.parse(new String[] {"--bootstrap-servers"}))
                .hasMessage("--bootstrap-servers: a value is required");
        assertThatThrownBy(() -> GatewayMain.parse(new String[] {"--port", "1"}))
                .hasMessageContaining("bootstrapServers: required");
        assertThatThrownBy(
                        () ->
                                GatewayMain.parse(
                                        new String[] {
                                            "--bootstrap-servers",
                                            "a:1",
                                            "--producer-property",
                                            "acks"
                                        }))
                .hasMessageContaining("expected KEY=VALUE");
    }
}
