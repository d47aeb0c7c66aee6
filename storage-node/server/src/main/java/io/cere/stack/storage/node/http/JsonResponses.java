package io.cere.stack.storage.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/**
 * JSON answers, errors included: {@code {"error": "<kind>", "message": "<what was wrong>"}}, so a
 * client can tell a missing blob from a bad request from a cluster that is short of nodes.
 */
final class JsonResponses {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponses() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * @param error a short kind, such as {@code NotFound} or {@code StorageUnavailable}
     */
    static void error(HttpExchange exchange, int status, String error, String message)
            throws IOException {
        ObjectNode body = object();
        body.put("error", error);
        body.put("message", message);
        send(exchange, status, body);
    }
}
