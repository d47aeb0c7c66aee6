package io.cere.stack.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's resources: {@code POST /events}, {@code GET /health}, {@code GET /metrics}. Any
 * other path is 404 and any other method 405 with an Allow header, both with a JSON body.
 */
final class GatewayRoutes implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRoutes.class);

    static final String EVENTS = "/events";
    static final String HEALTH = "/health";
    static final String METRICS = "/metrics";

    private final EventsHandler events;
    private final KafkaHealthProbe health;
    private final GatewayMetrics metrics;
    private final ExchangeResponder responder;
    private final InFlightEvents inFlight;
    private final String bootstrapServers;
    private final String topic;
    private final BooleanSupplier closing;

    GatewayRoutes(
            EventsHandler events,
            KafkaHealthProbe health,
            GatewayMetrics metrics,
            ExchangeResponder responder,
            InFlightEvents inFlight,
            String bootstrapServers,
            String topic,
            BooleanSupplier closing) {
        this.events = events;
        this.health = health;
        this.metrics = metrics;
        this.responder = responder;
        this.inFlight = inFlight;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.closing = closing;
    }

    @Override
    public void handle(HttpExchange exchange) {
        responder.opened();
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            switch (path) {
                case EVENTS:
                    if (!allowed(exchange, method, "POST")) {
                        return;
                    }
                    if (closing.getAsBoolean()) {
                        responder.send(exchange, shuttingDown());
                    } else {
                        events.handle(exchange);
                    }
                    return;
                case HEALTH:
                    if (allowed(exchange, method, "GET")) {
                        health(exchange);
                    }
                    return;
                case METRICS:
                    if (allowed(exchange, method, "GET")) {
                        responder.send(
                                exchange,
                                GatewayResponse.text(
                                        200,
                                        GatewayResponse.PROMETHEUS_TEXT,
                                        metrics.prometheusText()));
                    }
                    return;
                default:
                    metrics.rejected(404);
                    responder.send(
                            exchange,
                            GatewayResponse.error(
                                    404,
                                    "not_found",
                                    "no resource at "
                                            + path
                                            + "; the gateway serves POST /events, GET /health and"
                                            + " GET /metrics"));
            }
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError (a jar replaced under a running gateway, say) must still be answered,
            // or the client waits for its own timeout.
            LOG.error("Failed to answer {} {}", method, path, e);
            metrics.internalError();
            responder.send(
                    exchange,
                    GatewayResponse.error(
                            500, "internal_error", "the gateway failed to answer: " + e));
        }
    }

    private boolean allowed(HttpExchange exchange, String method, String allow) {
        if (method.equals(allow)) {
            return true;
        }
        metrics.rejected(405);
        responder.send(
                exchange,
                GatewayResponse.error(
                                405,
                                "method_not_allowed",
                                method
                                        + " is not allowed on "
                                        + exchange.getRequestURI().getPath()
                                        + "; use "
                                        + allow)
                        .withHeader("Allow", allow));
        return false;
    }

    /** Answered when the probe answers (at once if its last answer is recent). */
    private void health(HttpExchange exchange) {
        health.status()
                .whenComplete(
                        (status, error) -> {
                            GatewayResponse response;
                            if (error == null) {
                                try {
                                    response = healthResponse(status);
                                } catch (RuntimeException e) {
                                    response = healthFailed(e);
                                }
                            } else {
                                response = healthFailed(error);
                            }
                            responder.sendLater(exchange, response);
                        });
    }

    private GatewayResponse healthFailed(Throwable error) {
        LOG.error("Failed to check Kafka's health", error);
        metrics.internalError();
        return GatewayResponse.error(500, "internal_error", "the health check failed: " + error);
    }

    GatewayResponse healthResponse(KafkaHealthProbe.KafkaStatus status) {
        ObjectNode body = GatewayResponse.object();
        body.put("status", status.up() ? "UP" : "DOWN");
        ObjectNode kafka = body.putObject("kafka");
        kafka.put("bootstrapServers", bootstrapServers);
        kafka.put("connected", status.connected());
        kafka.put("topic", topic);
        if (status.up()) {
            kafka.put("partitions", status.partitions());
        } else {
            kafka.put("reason", status.reason());
        }
        body.put("inFlightEvents", inFlight.inFlight());
        body.put("maxInFlightEvents", inFlight.max());
        return GatewayResponse.json(status.up() ? 200 : 503, body);
    }

    private static GatewayResponse shuttingDown() {
        return GatewayResponse.error(503, "shutting_down", "the gateway is shutting down")
                .withHeader("Retry-After", "1")
                .withHeader("Connection", "close");
    }
}
