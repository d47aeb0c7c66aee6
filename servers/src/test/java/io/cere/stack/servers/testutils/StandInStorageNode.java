package io.cere.stack.servers.testutils;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Takes a storage node's place where supervision is tested without the node (this module cannot
 * depend on it): takes the node's arguments, answers {@code GET /health} as a ready node does, and
 * exits with code {@value #CRASH_EXIT_CODE} at start when its data directory holds a file named
 * {@value #CRASH_MARKER}.
 */
public final class StandInStorageNode {

    public static final String CRASH_MARKER = "crash-on-start";
    public static final int CRASH_EXIT_CODE = 7;

    private StandInStorageNode() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String node = options.get("--node");
        Path data = Path.of(options.get("--data"));
        if (Files.exists(data.resolve(CRASH_MARKER))) {
            System.out.println("stand-in " + node + ": crashing at start as asked");
            System.exit(CRASH_EXIT_CODE);
        }
        byte[] health =
                ("{\"node\": \"" + node + "\", \"status\": \"ok\"}")
                        .getBytes(StandardCharsets.UTF_8);
        HttpServer server =
                HttpServer.create(
                        new InetSocketAddress(
                                InetAddress.getLoopbackAddress(),
                                Integer.parseInt(options.get("--port"))),
                        0);
        server.createContext(
                "/health",
                exchange -> {
                    exchange.sendResponseHeaders(200, health.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(health);
                    }
                });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        System.out.println("stand-in " + node + " listening, args " + String.join(" ", args));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
