package io.cere.stack.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * One condition a server must meet before it counts as started, polled by {@link
 * ServerProcess#waitUntil}. Instances may keep state between polls (how far a log was read), so use
 * a fresh one for each wait.
 */
public final class Readiness {

    /** The check itself; an {@link IOException} fails the wait with that exception as its cause. */
    @FunctionalInterface
    public interface Check {
        boolean isMet(ServerProcess process) throws IOException;
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 500;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);

    private final String description;
    private final Check check;

    private Readiness(String description, Check check) {
        this.description = Objects.requireNonNull(description, "description");
        this.check = Objects.requireNonNull(check, "check");
    }

    /**
     * A condition described for error messages as, e.g., {@code "GET /health answering 200"}; for
     * servers whose readiness is not a port or a log line.
     */
    public static Readiness of(String description, Check check) {
        return new Readiness(description, check);
    }

    /** {@code host:port} accepts a TCP connection. */
    public static Readiness portAccepting(String host, int port) {
        return new Readiness(
                host + ":" + port + " accepting connections",
                process -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /**
     * {@code GET url} answers 200 with a body containing {@code expectedInBody}; a server that does
     * not answer yet, or answers otherwise, is not ready.
     */
    public static Readiness httpOk(URI url, String expectedInBody) {
        Objects.requireNonNull(expectedInBody, "expectedInBody");
        HttpRequest request = HttpRequest.newBuilder(url).timeout(HTTP_TIMEOUT).GET().build();
        return new Readiness(
                "GET " + url + " answering 200 with " + expectedInBody,
                new Check() {
                    private HttpClient http;

                    @Override
                    public boolean isMet(ServerProcess process) {
                        if (http == null) {
                            http =
                                    HttpClient.newBuilder()
                                            .version(HttpClient.Version.HTTP_1_1)
                                            .connectTimeout(HTTP_TIMEOUT)
                                            .build();
                        }
                        try {
                            HttpResponse<String> response =
                                    http.send(request, HttpResponse.BodyHandlers.ofString());
                            return response.statusCode() == 200
                                    && response.body().contains(expectedInBody);
                        } catch (IOException e) {
                            return false;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return false;
                        }
                    }
                });
    }

    /**
     * The process's log contains {@code text} in what it wrote since it started (not in what an
     * earlier run appended to the same file).
     */
    public static Readiness logContains(String text) {
        return new Readiness(
                "\"" + text + "\" in the log",
                new Check() {
                    private LogSection.Watch watch;

                    @Override
                    public boolean isMet(ServerProcess process) throws IOException {
                        if (watch == null) {
                            watch = process.logSinceStart().watchFor(text);
                        }
                        return watch.appeared();
                    }
                });
    }

    boolean isMet(ServerProcess process) throws IOException {
        return check.isMet(process);
    }

    @Override
    public String toString() {
        return description;
    }
}
