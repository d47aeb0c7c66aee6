package io.cere.stack.launcher.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/** Finds which of the stack's ports another process already holds, before anything starts. */
final class PortCheck {

    private PortCheck() {}

    /**
     * One message per port that cannot be bound: {@code port 8080 (gateway) on 127.0.0.1 is already
     * in use}.
     */
    static List<String> busy(String host, List<LocalStackOptions.Port> ports) {
        return ports.stream()
                .filter(port -> !isFree(host, port.number()))
                .map(
                        port ->
                                "port "
                                        + port.number()
                                        + " ("
                                        + port.role()
                                        + ") on "
                                        + host
                                        + " is already in use")
                .toList();
    }

    /** The options that move the given ports elsewhere, for the hint after a port error. */
    static String optionsFor(String host, List<LocalStackOptions.Port> ports) {
        return String.join(
                ", ",
                ports.stream()
                        .filter(port -> !isFree(host, port.number()))
                        .map(LocalStackOptions.Port::option)
                        .toList());
    }

    static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the servers bind: a port in TIME_WAIT is usable.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
