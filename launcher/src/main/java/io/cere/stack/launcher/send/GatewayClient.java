package io.cere.stack.launcher.send;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts request bodies to the gateway's {@code POST /events}. A 503 (the gateway or Kafka is
 * overloaded) is retried after the Retry-After the gateway asked for, at most {@value
 * #MAX_ATTEMPTS} attempts in all; every other answer is returned as it is.
 */
final class GatewayClient {

    static final int MAX_ATTEMPTS = 6;
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** One HTTP exchange: status, Retry-After header, body. */
    record Response(int status, Optional<String> retryAfter, String body) {}

    /** Sends one POST; replaced in tests. */
    @FunctionalInterface
    interface Transport {
        Response post(byte[] body) throws IOException, InterruptedException;
    }

    /** Waits between attempts; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The final answer to one request, after retries. */
    record Answer(int status, String body, int attempts) {
        boolean accepted() {
            return status / 100 == 2;
        }
    }

    private final URI events;
    private final Transport transport;
    private final Sleeper sleeper;

    GatewayClient(URI events) {
        this(events, http(events), duration -> Thread.sleep(duration.toMillis()));
    }

    GatewayClient(URI events, Transport transport, Sleeper sleeper) {
        this.events = events;
        this.transport = transport;
        this.sleeper = sleeper;
    }

    private static Transport http(URI events) {
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        return body -> {
            HttpRequest request =
                    HttpRequest.newBuilder(events)
                            .timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
            try {
                HttpResponse<String> response =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                return new Response(
                        response.statusCode(),
                        response.headers().firstValue("Retry-After"),
                        response.body());
            } catch (ConnectException e) {
                throw new ConnectException(
                        "cannot connect to the gateway at "
                                + events
                                + "; is `bin/cere local` running?");
            } catch (HttpTimeoutException e) {
                throw new IOException(
                        "the gateway at " + events + " did not answer within " + REQUEST_TIMEOUT,
                        e);
            }
        };
    }

    /**
     * The events endpoint for what the user typed: {@code http://host:port} or {@code
     * http://host:port/events}.
     */
    static URI eventsUri(String gateway) {
        URI uri;
        try {
            uri = URI.create(gateway.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--gateway: '"
                            + gateway
                            + "' is not a URL; expected e.g. http://127.0.0.1:8080",
                    e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "--gateway: '"
                            + gateway
                            + "' is not an http(s) URL with a host; expected e.g."
                            + " http://127.0.0.1:8080");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.isEmpty() || path.equals("/")) {
            return uri.resolve("/events");
        }
        return uri;
    }

    URI events() {
        return events;
    }

    Answer post(byte[] body) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Response response = transport.post(body);
            if (response.status() != 503 || attempt >= MAX_ATTEMPTS) {
                return new Answer(response.status(), response.body(), attempt);
            }
            sleeper.sleep(retryAfter(response.retryAfter()));
        }
    }

    /** The wait a 503 asked for in seconds, within [0, 30 s]; 1 s when absent or not a number. */
    static Duration retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            long seconds = Long.parseLong(header.get().trim());
            if (seconds < 0) {
                return DEFAULT_RETRY_AFTER;
            }
            Duration wait = Duration.ofSeconds(seconds);
            return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
        } catch (NumberFormatException e) {
            // An HTTP date: not worth parsing for a local gateway.
            return DEFAULT_RETRY_AFTER;
        }
    }
}
