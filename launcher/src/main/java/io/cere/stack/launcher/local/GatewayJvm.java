package io.cere.stack.launcher.local;

import io.cere.stack.launcher.DataDirectory;
import io.cere.stack.servers.Readiness;
import io.cere.stack.servers.ServerProcess;
import java.io.IOException;

/** The event gateway's JVM: {@code GatewayMain} on the stack's host and gateway port. */
final class GatewayJvm {

    static final String NAME = "gateway";
    static final String MAIN_CLASS = "io.cere.stack.gateway.GatewayMain";
    static final String READY_LINE = "Event gateway listening on";

    private GatewayJvm() {}

    static ServerProcess start(LocalStackOptions options, DataDirectory dirs) throws IOException {
        return ServerJvms.builder(dirs, NAME)
                .name("Event gateway")
                .mainClass(MAIN_CLASS)
                .heap("256m")
                .args(
                        "--host",
                        options.host(),
                        "--port",
                        Integer.toString(options.gatewayPort()),
                        "--bootstrap-servers",
                        options.bootstrapServers(),
                        "--topic",
                        LocalStackOptions.RAW_TOPIC)
                .start();
    }

    /** Listening, and {@code GET /health} says Kafka is reachable. */
    static Readiness[] readiness(LocalStackOptions options, HttpProbe probe) {
        String health = options.gatewayUrl() + "/health";
        return new Readiness[] {
            Readiness.logContains(READY_LINE),
            Readiness.of("GET " + health + " answering 200", p -> probe.status(health) == 200)
        };
    }
}
