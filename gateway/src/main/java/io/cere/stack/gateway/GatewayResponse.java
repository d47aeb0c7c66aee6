package io.cere.stack.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer of the gateway: status, extra headers and a body that is always sent with a
 * Content-Length (so keep-alive connections stay usable).
 */
record GatewayResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    GatewayResponse {
        headers = Map.copyOf(headers);
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static GatewayResponse json(int status, JsonNode body) {
        try {
            return new GatewayResponse(status, JSON, MAPPER.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a JSON tree", e);
        }
    }

    /** {@code {"error": code, "message": message}}. */
    static GatewayResponse error(int status, String code, String message) {
        return json(status, errorBody(code, message));
    }

    static ObjectNode errorBody(String code, String message) {
        ObjectNode body = object();
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    static GatewayResponse text(int status, String contentType, String text) {
        return new GatewayResponse(
                status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    GatewayResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new GatewayResponse(status, contentType, body, more);
    }

    /** The body as text, for logs and tests. */
    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
