package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void picksDistinctPortsThatCanBeBound() throws Exception {
        int[] ports = FreePorts.pick(3);

        assertThat(ports).doesNotHaveDuplicates();
        for (int port : ports) {
            FreePorts.requireFree("127.0.0.1", port, "test");
        }
    }

    @Test
    void namesHostPortAndRoleOfAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> FreePorts.requireFree("127.0.0.1", port, "client listener"))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining(
                            "127.0.0.1:" + port + " (client listener) is already in use");
        }
    }

    @Test
    void picksARunOfConsecutiveFreePorts() throws Exception {
        int base = FreePorts.pickConsecutive(6);

        for (int port = base; port < base + 6; port++) {
            FreePorts.requireFree("127.0.0.1", port, "test");
        }
    }
}
