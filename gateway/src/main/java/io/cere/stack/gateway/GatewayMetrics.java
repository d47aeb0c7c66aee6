package io.cere.stack.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the gateway answered, rendered as Prometheus text on {@code GET /metrics}.
 *
 * <p>Every counter is printed from the start (zero until something happens), so rates over them are
 * defined before the first event.
 */
final class GatewayMetrics {

    /** Statuses the gateway answers when it rejects a request at the edge. */
    static final int[] REJECTION_STATUSES = {400, 404, 405, 413, 415};

    private final LongAdder eventsAccepted = new LongAdder();
    private final LongAdder requestsAccepted = new LongAdder();
    private final Map<Integer, LongAdder> requestsRejected = new ConcurrentSkipListMap<>();
    private final LongAdder requestsOverloaded = new LongAdder();
    private final LongAdder requestsKafkaFailed = new LongAdder();
    private final LongAdder eventsKafkaFailed = new LongAdder();
    private final LongAdder requestsInternalError = new LongAdder();
    private final InFlightEvents inFlight;

    GatewayMetrics(InFlightEvents inFlight) {
        this.inFlight = inFlight;
        for (int status : REJECTION_STATUSES) {
            requestsRejected.put(status, new LongAdder());
        }
    }

    /** A request answered 202 after Kafka acknowledged its {@code events} envelopes. */
    void accepted(int events) {
        requestsAccepted.increment();
        eventsAccepted.add(events);
    }

    /** A request rejected at the edge with a 4xx status. */
    void rejected(int status) {
        requestsRejected.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** A request answered 503 because too many events were in flight. */
    void overloaded() {
        requestsOverloaded.increment();
    }

    /** A request whose {@code events} envelopes Kafka did not all acknowledge. */
    void kafkaFailed(int events) {
        requestsKafkaFailed.increment();
        eventsKafkaFailed.add(events);
    }

    /** A request answered 500 because of a fault in the gateway. */
    void internalError() {
        requestsInternalError.increment();
    }

    long eventsAccepted() {
        return eventsAccepted.sum();
    }

    long requestsRejected(int status) {
        LongAdder adder = requestsRejected.get(status);
        return adder == null ? 0 : adder.sum();
    }

    long requestsOverloaded() {
        return requestsOverloaded.sum();
    }

    long inFlightEvents() {
        return inFlight.inFlight();
    }

    long requestsKafkaFailed() {
        return requestsKafkaFailed.sum();
    }

    /** The Prometheus text exposition format, version 0.0.4. */
    String prometheusText() {
        StringBuilder out = new StringBuilder(2048);
        counter(
                out,
                "cere_gateway_events_accepted_total",
                "Envelopes acknowledged by Kafka and answered 202 Accepted.",
                eventsAccepted.sum());
        counter(
                out,
                "cere_gateway_requests_accepted_total",
                "Requests answered 202 Accepted.",
                requestsAccepted.sum());
        header(
                out,
                "cere_gateway_requests_rejected_total",
                "Requests rejected at the edge, by HTTP status; nothing of them was written.",
                "counter");
        requestsRejected.forEach(
                (status, count) ->
                        out.append("cere_gateway_requests_rejected_total{status=\"")
                                .append(status)
                                .append("\"} ")
                                .append(count.sum())
                                .append('\n'));
        counter(
                out,
                "cere_gateway_requests_overloaded_total",
                "Requests answered 503 because too many events were in flight to Kafka.",
                requestsOverloaded.sum());
        counter(
                out,
                "cere_gateway_requests_kafka_failed_total",
                "Requests answered 503 (or 413) because Kafka did not acknowledge every event.",
                requestsKafkaFailed.sum());
        counter(
                out,
                "cere_gateway_events_kafka_failed_total",
                "Envelopes of requests that Kafka did not fully acknowledge.",
                eventsKafkaFailed.sum());
        counter(
                out,
                "cere_gateway_requests_internal_errors_total",
                "Requests answered 500 because of a fault in the gateway.",
                requestsInternalError.sum());
        gauge(
                out,
                "cere_gateway_events_in_flight",
                "Events sent to Kafka and not yet acknowledged.",
                inFlight.inFlight());
        gauge(
                out,
                "cere_gateway_events_in_flight_limit",
                "The most events that may be in flight before requests are answered 503.",
                inFlight.max());
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "counter");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
