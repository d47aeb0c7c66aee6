package io.cere.stack.launcher.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/** Finds which of the stack's ports another process already holds, before anything starts. */
final class PortCheck {

    private PortCheck() {}

    /** The ports that cannot be bound right now. Each is probed once. */
    static List<LocalStackOptions.Port> busy(String host, List<LocalStackOptions.Port> ports) {
        return ports.stream().filter(port -> !isFree(host, port.number())).toList();
    }

    /** One message per busy port: {@code port 8080 (gateway) on 127.0.0.1 is already in use}. */
    static String describe(String host, List<LocalStackOptions.Port> busy) {
        return String.join(
                "; ",
                busy.stream()
                        .map(
                                port ->
                                        "port "
                                                + port.number()
                                                + " ("
                                                + port.role()
                                                + ") on "
                                                + host
                                                + " is already in use")
                        .toList());
    }

    /** The options that move the busy ports elsewhere, for the hint after a port error. */
    static String optionsFor(List<LocalStackOptions.Port> busy) {
        return String.join(
                ", ", busy.stream().map(LocalStackOptions.Port::option).distinct().toList());
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
