package io.cere.stack.gateway.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** An HTTP/1.1 client of one gateway, with the requests its tests send. */
public final class GatewayClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final Duration timeout;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    /**
     * @param base the gateway's address, for instance {@code http://127.0.0.1:8080}
     * @param timeout how long any request may wait for its answer
     */
    public GatewayClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /** A request to {@code path} with this client's timeout and {@code application/json}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json");
    }

    public HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return http.sendAsync(request.build(), BodyHandlers.ofString());
    }

    /** {@code POST /events} with a JSON body. */
    public HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return send(request("/events").POST(BodyPublishers.ofString(body)));
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return sendAsync(request("/events").POST(BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** The status of {@code GET path}, or -1 when no answer came (for polling). */
    public int statusOf(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    public static JsonNode json(String text) throws IOException {
        return MAPPER.readTree(text);
    }
}
