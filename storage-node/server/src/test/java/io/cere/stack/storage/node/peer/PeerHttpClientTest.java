package io.cere.stack.storage.node.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cere.stack.storage.node.peer.PeerHttpClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the JDK's HTTP server, which is what nodes serve with, and a raw socket. */
class PeerHttpClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HttpServer server;
    private ExecutorService serverThreads;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private PeerHttpClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    @Test
    void readsFixedLengthChunkedAndEmptyBodies() throws IOException {
        byte[] shard = new byte[300_000];
        new Random(7).nextBytes(shard);
        client =
                clientOf(
                        exchange -> {
                            String path = exchange.getRequestURI().getPath();
                            switch (path) {
                                case "/fixed" -> respond(exchange, 200, shard, shard.length);
                                case "/chunked" -> respond(exchange, 200, shard, 0);
                                default -> respond(exchange, 404, new byte[0], -1);
                            }
                        });

        Response fixed = client.send("GET", "/fixed", List.of(), null, true);
        Response chunked = client.send("GET", "/chunked", List.of(), null, true);
        Response missing = client.send("GET", "/nothing", List.of(), null, true);

        assertThat(fixed.status()).isEqualTo(200);
        assertThat(fixed.body()).isEqualTo(shard);
        assertThat(chunked.status()).isEqualTo(200);
        assertThat(chunked.body()).isEqualTo(shard);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
        assertThat(clientPorts).as("connections the server saw").hasSize(1);
    }

    @Test
    void sendsMethodHeadersAndBodyOnTheBaseUrlsPath() throws IOException {
        Map<String, String> seen = new ConcurrentHashMap<>();
        client =
                new PeerHttpClient(
                        startServer(
                                        exchange -> {
                                            seen.put("method", exchange.getRequestMethod());
                                            seen.put("path", exchange.getRequestURI().getRawPath());
                                            seen.put(
                                                    "from",
                                                    exchange.getRequestHeaders()
                                                            .getFirst("X-From"));
                                            seen.put(
                                                    "host",
                                                    exchange.getRequestHeaders().getFirst("Host"));
                                            byte[] body = exchange.getRequestBody().readAllBytes();
                                            respond(exchange, 201, body, body.length);
                                        })
                                .resolve("/prefix/"),
                        TIMEOUT);
        byte[] body = "record bytes".getBytes(StandardCharsets.UTF_8);

        Response response =
                client.send("PUT", "/internal/x", List.of("X-From", "node-2"), body, true);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo(body);
        assertThat(seen)
                .containsEntry("method", "PUT")
                .containsEntry("path", "/prefix/internal/x")
                .containsEntry("from", "node-2")
                .containsEntry("host", "127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void reusesOneConnectionForCallsInSequence() throws IOException {
        client = clientOf(exchange -> respond(exchange, 200, new byte[] {1}, 1));

        for (int i = 0; i < 20; i++) {
            assertThat(client.send("GET", "/a", List.of(), null, true).body()).containsExactly(1);
        }

        assertThat(requests).hasValue(20);
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void callsThatAreNotIdempotentNeverReuseAConnection() throws IOException {
        client = clientOf(exchange -> respond(exchange, 200, new byte[] {1}, 1));

        for (int i = 0; i < 3; i++) {
            client.send("POST", "/once", List.of(), new byte[] {2}, false);
        }

        assertThat(clientPorts).hasSize(3);
    }

    @Test
    void sendsAnIdempotentCallAgainWhenThePeerHadDroppedTheKeptConnection() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread peer =
                    new Thread(
                            () -> {
                                // Answers one request per connection as if keeping it, then
                                // drops it: what a peer that restarted did to kept connections.
                                while (!raw.isClosed()) {
                                    try (Socket socket = raw.accept()) {
                                        connections.incrementAndGet();
                                        readHead(socket.getInputStream());
                                        socket.getOutputStream()
                                                .write(
                                                        ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                                                                        + "\r\nok")
                                                                .getBytes(
                                                                        StandardCharsets
                                                                                .ISO_8859_1));
                                    } catch (IOException e) {
                                        return;
                                    }
                                }
                            });
            peer.setDaemon(true);
            peer.start();
            client =
                    new PeerHttpClient(
                            URI.create("http://127.0.0.1:" + raw.getLocalPort()), TIMEOUT);

            Response first = client.send("GET", "/a", List.of(), null, true);
            Response second = client.send("GET", "/a", List.of(), null, true);

            assertThat(new String(first.body(), StandardCharsets.US_ASCII)).isEqualTo("ok");
            assertThat(new String(second.body(), StandardCharsets.US_ASCII)).isEqualTo("ok");
            assertThat(connections).hasValue(2);
        }
    }

    @Test
    void aPeerThatDoesNotAnswerInTimeFailsTheCallOnceWithoutSendingItAgain() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        client =
                new PeerHttpClient(
                        startServer(
                                exchange -> {
                                    awaitQuietly(release);
                                    respond(exchange, 200, new byte[0], -1);
                                }),
                        Duration.ofMillis(300));
        try {
            // Warm a kept connection first, so that the timeout hits a reused one.
            release.countDown();
            client.send("GET", "/warm", List.of(), null, true);
            CountDownLatch never = new CountDownLatch(1);
            server.removeContext("/");
            server.createContext(
                    "/",
                    exchange -> {
                        requests.incrementAndGet();
                        awaitQuietly(never);
                    });
            requests.set(0);

            assertThatThrownBy(() -> client.send("GET", "/slow", List.of(), null, true))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(requests).hasValue(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anUnreachablePeerFailsWithTheConnectError() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        client = new PeerHttpClient(URI.create("http://127.0.0.1:" + port), TIMEOUT);

        assertThatThrownBy(() -> client.send("GET", "/a", List.of(), null, true))
                .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void somethingThatIsNotAnHttpResponseIsAnErrorNamingWhatCame() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread peer =
                    new Thread(
                            () -> {
                                try (Socket socket = raw.accept()) {
                                    readHead(socket.getInputStream());
                                    socket.getOutputStream()
                                            .write(
                                                    "SSH-2.0-OpenSSH\r\n\r\n"
                                                            .getBytes(StandardCharsets.ISO_8859_1));
                                } catch (IOException e) {
                                    // the test fails on what the client saw
                                }
                            });
            peer.setDaemon(true);
            peer.start();
            client =
                    new PeerHttpClient(
                            URI.create("http://127.0.0.1:" + raw.getLocalPort()), TIMEOUT);

            assertThatThrownBy(() -> client.send("GET", "/a", List.of(), null, true))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("not an HTTP/1.1 status line")
                    .hasMessageContaining("SSH-2.0-OpenSSH");
        }
    }

    @Test
    void aResponseThatClosesItsConnectionIsNotKept() throws IOException {
        client =
                clientOf(
                        exchange -> {
                            exchange.getResponseHeaders().set("Connection", "close");
                            respond(exchange, 200, new byte[] {1}, 1);
                        });

        client.send("GET", "/a", List.of(), null, true);
        client.send("GET", "/a", List.of(), null, true);

        assertThat(clientPorts).hasSize(2);
    }

    @Test
    void refusesHeadersThatWouldSplitTheRequest() throws IOException {
        client = clientOf(exchange -> respond(exchange, 200, new byte[0], -1));

        assertThatThrownBy(
                        () ->
                                client.send(
                                        "GET",
                                        "/a",
                                        List.of("X-Owner", "a\r\nX-Evil: 1"),
                                        null,
                                        true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Owner");
        assertThat(requests).hasValue(0);
    }

    private PeerHttpClient clientOf(Handler handler) throws IOException {
        return new PeerHttpClient(startServer(handler), TIMEOUT);
    }

    private URI startServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext(
                "/",
                exchange -> {
                    requests.incrementAndGet();
                    clientPorts.add(exchange.getRemoteAddress().getPort());
                    try {
                        handler.handle(exchange);
                    } finally {
                        exchange.close();
                    }
                });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, long length)
            throws IOException {
        exchange.sendResponseHeaders(status, length);
        if (length >= 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the request ended inside its head");
            }
            matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
