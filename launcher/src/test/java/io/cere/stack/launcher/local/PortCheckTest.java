package io.cere.stack.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void namesEachPortInUseWithItsRole() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            List<LocalStackOptions.Port> ports =
                    List.of(new LocalStackOptions.Port("gateway", "--gateway-port", port));

            List<LocalStackOptions.Port> busy = PortCheck.busy("127.0.0.1", ports);

            assertThat(busy).isEqualTo(ports);
            assertThat(PortCheck.describe("127.0.0.1", busy))
                    .isEqualTo("port " + port + " (gateway) on 127.0.0.1 is already in use");
            assertThat(PortCheck.optionsFor(busy)).isEqualTo("--gateway-port");
        }
    }

    @Test
    void findsNothingWhenThePortsAreFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = probe.getLocalPort();
        }
        assertThat(
                        PortCheck.busy(
                                "127.0.0.1",
                                List.of(new LocalStackOptions.Port("Kafka", "--kafka-port", port))))
                .isEmpty();
    }
}
