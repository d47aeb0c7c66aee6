package io.cere.stack.storage.node.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cere.stack.storage.node.http.NodeRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The native API of a node, as a test client calls it. */
public final class NodeClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    /** {@code PUT /cas/{bucket}}; the response body is JSON. */
    public HttpResponse<String> put(URI node, String bucket, byte[] data) {
        return send(
                HttpRequest.newBuilder(node.resolve("/cas/" + bucket))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code PUT /cas/{bucket}} with a body streamed from {@code data} (chunked). */
    public HttpResponse<String> put(URI node, String bucket, InputStream data) {
        return send(
                HttpRequest.newBuilder(node.resolve("/cas/" + bucket))
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> data))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stores {@code data} and returns its CID, failing unless the node answered 201. */
    public String store(URI node, String bucket, byte[] data) {
        HttpResponse<String> response = put(node, bucket, data);
        if (response.statusCode() != 201) {
            throw new AssertionError(
                    "PUT to "
                            + node
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return json(response.body()).get("cid").asText();
    }

    /** {@code GET /cas/{bucket}/{cid}}, with a {@code Range} header unless it is null. */
    public HttpResponse<byte[]> get(URI node, String bucket, String cid, String range) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(node.resolve("/cas/" + bucket + "/" + cid)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> head(URI node, String bucket, String cid) {
        return send(
                HttpRequest.newBuilder(node.resolve("/cas/" + bucket + "/" + cid))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> getText(URI uri) {
        return send(
                HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(URI uri) {
        return send(
                HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(URI uri) {
        return send(
                HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * {@code POST /internal/admin/scrub} as an operator sends it, with the cluster secret; the
     * report, failing unless the node answered 200.
     */
    public JsonNode scrub(URI node, String clusterSecret) {
        HttpResponse<String> response =
                send(
                        HttpRequest.newBuilder(node.resolve(NodeRoutes.SCRUB_PATH))
                                .header("Authorization", "Bearer " + clusterSecret)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "scrub on "
                            + node
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return json(response.body());
    }

    /** Sends {@code request} as it is; for requests the other methods do not cover. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(
                    HttpRequest.newBuilder(request, (name, value) -> true).timeout(TIMEOUT).build(),
                    handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The value of a metric line, such as {@code cere_storage_repairs_total{source="read"}}. */
    public double metric(URI node, String series) {
        String text = getText(node.resolve("/metrics")).body();
        Matcher matcher =
                Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
                        .matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
