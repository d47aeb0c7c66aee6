package io.cere.stack.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on the loopback interface, for tests that start servers. A port is free when it is
 * picked; another process may take it before the server binds it, which on a test machine is rare
 * enough to accept.
 */
public final class FreePorts {

    private FreePorts() {}

    /** One free loopback port. */
    public static int pick() {
        return pick(1)[0];
    }

    /** {@code count} distinct free loopback ports (all held open until all are picked). */
    public static int[] pick(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count is " + count + "; expected at least 1");
        }
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on loopback", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // nothing was sent on it; the port is released either way
                }
            }
        }
    }

    /**
     * The first of {@code count} consecutive free loopback ports, for servers numbered from a base
     * port (a storage cluster).
     */
    public static int pickConsecutive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count is " + count + "; expected at least 1");
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = pick();
            if (base + count - 1 <= 65535 && allFree(base, count)) {
                return base;
            }
        }
        throw new UncheckedIOException(
                new IOException("Could not find " + count + " consecutive free ports on loopback"));
    }

    private static boolean allFree(int base, int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int port = base; port < base + count; port++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // nothing was sent on it; the port is released either way
                }
            }
        }
    }

    /**
     * Fails unless {@code host:port} can be bound now. {@code role} says what the port is for, in
     * the message: {@code "Kafka broker client listener"}.
     */
    static void requireFree(String host, int port, String role) throws ServerStartException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw new ServerStartException(
                    String.format(
                            "%s:%d (%s) is already in use by another process; stop it or"
                                    + " choose another port",
                            host, port, role),
                    e);
        } catch (IOException e) {
            throw new ServerStartException(
                    String.format("Cannot bind %s:%d (%s): %s", host, port, role, e), e);
        }
    }
}
