package io.cere.stack.storage.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Sends a request to the first node that answers it. A node that cannot be reached (refused, timed
 * out, connection dropped) or answers 503 (it lacks the peers to serve the request) is passed over
 * for the next one, as long as the request can be sent again; any other error answer is final,
 * since every node would give it.
 */
final class FailoverRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_BODY_LIMIT = 64 << 10;
    private static final int ERROR_TEXT_LIMIT = 500;

    /** The request to send to one node. */
    @FunctionalInterface
    interface RequestFor {
        HttpRequest build(URI node);
    }

    private final HttpClient http;
    private final ClusterNodes nodes;

    FailoverRequests(HttpClient http, ClusterNodes nodes) {
        this.http = http;
        this.nodes = nodes;
    }

    /** {@link #send(String, RequestFor, BooleanSupplier)} for a request without a body. */
    NodeAnswer send(String description, RequestFor request) throws IOException {
        return send(description, request, () -> true);
    }

    /**
     * Sends {@code request} to each node in turn until one answers below 400.
     *
     * @param description the request for messages: {@code "GET /cas/photos/bafk..."}
     * @param canResend whether the request may be sent again after a failed attempt
     * @throws StorageNodeException the answer of a node that refused the request (or of the last
     *     node that answered 503)
     * @throws NodesUnreachableException when no node could be reached
     */
    NodeAnswer send(String description, RequestFor request, BooleanSupplier canResend)
            throws IOException {
        Map<URI, IOException> unreachable = new LinkedHashMap<>();
        StorageNodeException unavailable = null;
        for (URI node : nodes.inOrder()) {
            boolean retry = !unreachable.isEmpty() || unavailable != null;
            if (retry && !canResend.getAsBoolean()) {
                throw cannotResend(description, unreachable, unavailable);
            }
            HttpResponse<InputStream> response;
            try {
                response =
                        http.send(request.build(node), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                unreachable.put(node, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException interrupted =
                        new InterruptedIOException(description + " was interrupted");
                interrupted.initCause(e);
                throw interrupted;
            }
            int status = response.statusCode();
            if (status < 400) {
                nodes.answered(node);
                return new NodeAnswer(node, response);
            }
            StorageNodeException error = error(node, description, response);
            if (status == 503) {
                unavailable = error;
                continue;
            }
            nodes.answered(node);
            throw error;
        }
        if (unavailable != null) {
            unreachable.values().forEach(unavailable::addSuppressed);
            throw unavailable;
        }
        throw new NodesUnreachableException(description, unreachable);
    }

    private static IOException cannotResend(
            String description,
            Map<URI, IOException> unreachable,
            StorageNodeException unavailable) {
        IOException cause =
                unavailable != null ? unavailable : unreachable.values().iterator().next();
        return new IOException(
                description
                        + " failed and its body, a stream already partly read, cannot be sent"
                        + " to another node: "
                        + cause.getMessage(),
                cause);
    }

    /** The node's error answer: its JSON {@code {"error", "message"}}, or its text. */
    static StorageNodeException error(
            URI node, String description, HttpResponse<InputStream> response) {
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            body = "";
        }
        String error = "";
        String message = "";
        try {
            JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
            if (json != null && json.isObject()) {
                error = json.path("error").asText("");
                message = json.path("message").asText("");
            }
        } catch (IOException e) {
            // not JSON: the text itself is the message
        }
        if (error.isEmpty()) {
            error = "Error";
        }
        if (message.isEmpty()) {
            message =
                    body.isEmpty()
                            ? "(no message in the answer)"
                            : body.substring(0, Math.min(body.length(), ERROR_TEXT_LIMIT));
        }
        int status = response.statusCode();
        return status == 404
                ? new BlobNotFoundException(node, description, error, message)
                : new StorageNodeException(node, description, status, error, message);
    }
}
