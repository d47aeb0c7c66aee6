package io.cere.stack.gateway;

import static io.cere.stack.gateway.testutils.GatewayClient.json;
import static io.cere.stack.gateway.testutils.SignedEnvelopes.jsonArray;
import static io.cere.stack.gateway.testutils.SignedEnvelopes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.gateway.testutils.GatewayClient;
import io.cere.stack.gateway.testutils.KafkaFixture;
import io.cere.stack.gateway.testutils.RawHttpConnection;
import io.cere.stack.gateway.testutils.SignedEnvelopes;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's HTTP surface, with a real Kafka broker behind it: limits, content types, unknown
 * resources, keep-alive, health, metrics, and clients that stall mid-request. The broker is shared
 * by the class; each test writes to a topic of its own.
 */
class GatewayHttpITCase {

    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_IN_FLIGHT = 4;
    private static final int THREADS = 2;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir static Path dataDir;

    private static KafkaFixture kafka;

    private final SignedEnvelopes envelopes = new SignedEnvelopes(7);
    private String topic;
    private EventGateway gateway;
    private GatewayClient client;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaFixture.start(dataDir.resolve("kafka"));
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @BeforeEach
    void startGateway(TestInfo test) throws Exception {
        topic = "events." + test.getTestMethod().orElseThrow().getName();
        kafka.createTopic(topic, 3);
        gateway = EventGateway.start(options().build());
        client = new GatewayClient(gateway.uri(), DEADLINE);
    }

    private GatewayOptions.Builder options() {
        return GatewayOptions.builder()
                .port(0)
                .bootstrapServers(kafka.bootstrapServers())
                .topic(topic)
                .maxBodyBytes(MAX_BODY_BYTES)
                .maxInFlightEvents(MAX_IN_FLIGHT)
                .threads(THREADS);
    }

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void refusesABodyOverTheLimitByContentLength() throws Exception {
        byte[] body = new byte[MAX_BODY_BYTES + 1];

        HttpResponse<String> response =
                client.send(client.request("/events").POST(BodyPublishers.ofByteArray(body)));

        assertTooLarge(response);
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWhileReadingIt() throws Exception {
        byte[] body = new byte[MAX_BODY_BYTES * 3];

        HttpResponse<String> response =
                client.send(
                        client.request("/events")
                                .POST(
                                        BodyPublishers.ofInputStream(
                                                () -> new ByteArrayInputStream(body))));

        assertTooLarge(response);
    }

    private void assertTooLarge(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .isEqualTo(
                        "{\"error\":\"body_too_large\",\"message\":\"request body exceeds "
                                + MAX_BODY_BYTES
                                + " bytes\"}");
        assertThat(gateway.metrics().requestsRejected(413)).isEqualTo(1);
        assertThat(kafka.readAll(topic)).isEmpty();
    }

    @Test
    void acceptsAChunkedBodyWithinTheLimit() throws Exception {
        ObjectNode envelope = envelopes.signed(1);
        byte[] body = utf8(SignedEnvelopes.json(envelope));

        HttpResponse<String> response =
                client.send(
                        client.request("/events")
                                .POST(
                                        BodyPublishers.ofInputStream(
                                                () -> new ByteArrayInputStream(body))));

        assertThat(response.statusCode()).isEqualTo(202);
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8))
                .isEqualTo(envelope.get("id").asText());
        assertThat(records.get(0).value()).isEqualTo(body);
    }

    @Test
    void requiresAJsonContentType() throws Exception {
        String envelope = SignedEnvelopes.json(envelopes.signed(1));

        HttpResponse<String> plain =
                client.send(
                        client.request("/events")
                                .setHeader("Content-Type", "text/plain")
                                .POST(BodyPublishers.ofString(envelope)));
        HttpResponse<String> latin1 =
                client.send(
                        client.request("/events")
                                .setHeader("Content-Type", "application/json; charset=ISO-8859-1")
                                .POST(BodyPublishers.ofString(envelope)));
        HttpResponse<String> none =
                client.send(
                        HttpRequest.newBuilder(gateway.uri().resolve("/events"))
                                .timeout(DEADLINE)
                                .POST(BodyPublishers.ofString(envelope)));

        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(json(plain).get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(json(plain).get("message").asText())
                .isEqualTo("Content-Type must be application/json (UTF-8), got text/plain");
        assertThat(latin1.statusCode()).isEqualTo(415);
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(json(none).get("message").asText())
                .isEqualTo("Content-Type must be application/json (UTF-8), got none");
        assertThat(gateway.metrics().requestsRejected(415)).isEqualTo(3);
        assertThat(kafka.readAll(topic)).isEmpty();
    }

    @Test
    void answersUnknownPathsAndMethodsWithJson() throws Exception {
        HttpResponse<String> unknown = client.get("/event");
        HttpResponse<String> getEvents = client.get("/events");
        HttpResponse<String> postHealth =
                client.send(client.request("/health").POST(BodyPublishers.ofString("{}")));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(unknown).get("error").asText()).isEqualTo("not_found");
        assertThat(getEvents.statusCode()).isEqualTo(405);
        assertThat(getEvents.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(getEvents).get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(postHealth.statusCode()).isEqualTo(405);
        assertThat(postHealth.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void keepsTheConnectionAliveAcrossAnswers() throws Exception {
        ObjectNode envelope = envelopes.signed(1);
        try (RawHttpConnection connection = RawHttpConnection.open(gateway.port(), DEADLINE)) {
            connection.sendRequest(
                    "POST /events HTTP/1.1", "application/json", SignedEnvelopes.json(envelope));
            assertThat(connection.readResponse()).startsWith("HTTP/1.1 202");

            connection.sendRequest("POST /events HTTP/1.1", "application/json", "[]");
            assertThat(connection.readResponse()).startsWith("HTTP/1.1 400");

            connection.sendRequest(
                    "POST /events HTTP/1.1", "application/json", "x".repeat(MAX_BODY_BYTES + 1));
            assertThat(connection.readResponse()).startsWith("HTTP/1.1 413");

            connection.sendRequest("GET /health HTTP/1.1", null, "");
            assertThat(connection.readResponse()).startsWith("HTTP/1.1 200").contains("\"UP\"");

            connection.sendRequest("GET /nowhere HTTP/1.1", null, "");
            assertThat(connection.readResponse()).startsWith("HTTP/1.1 404");
        }
        assertThat(kafka.keys(topic)).containsExactly(envelope.get("id").asText());
    }

    @Test
    void healthReportsTheTopicsPartitionsOrWhyEventsCannotBeTaken() throws Exception {
        HttpResponse<String> up = client.get("/health");
        HttpResponse<String> missing;
        try (EventGateway noTopic =
                EventGateway.start(options().topic("events.never-created").build())) {
            missing = new GatewayClient(noTopic.uri(), DEADLINE).get("/health");
        }

        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(json(up))
                .isEqualTo(
                        json(
                                "{\"status\":\"UP\",\"kafka\":{\"bootstrapServers\":\""
                                        + kafka.bootstrapServers()
                                        + "\",\"connected\":true,\"topic\":\""
                                        + topic
                                        + "\",\"partitions\":3},"
                                        + "\"inFlightEvents\":0,\"maxInFlightEvents\":4}"));
        assertThat(missing.statusCode()).isEqualTo(503);
        assertThat(json(missing).get("status").asText()).isEqualTo("DOWN");
        assertThat(json(missing).at("/kafka/connected").asBoolean()).isTrue();
        assertThat(json(missing).at("/kafka/reason").asText())
                .isEqualTo("topic 'events.never-created' does not exist");
    }

    @Test
    void exposesCountersAsPrometheusText() throws Exception {
        assertThat(client.post(jsonArray(envelopes.signed(1), envelopes.signed(2))).statusCode())
                .isEqualTo(202);
        assertThat(client.post("nope").statusCode()).isEqualTo(400);
        assertThat(client.get("/nowhere").statusCode()).isEqualTo(404);

        HttpResponse<String> metrics = client.get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body().lines())
                .contains(
                        "# TYPE cere_gateway_events_accepted_total counter",
                        "cere_gateway_events_accepted_total 2",
                        "cere_gateway_requests_accepted_total 1",
                        "cere_gateway_requests_rejected_total{status=\"400\"} 1",
                        "cere_gateway_requests_rejected_total{status=\"404\"} 1",
                        "cere_gateway_requests_rejected_total{status=\"413\"} 0",
                        "cere_gateway_requests_overloaded_total 0",
                        "cere_gateway_requests_kafka_failed_total 0",
                        "cere_gateway_events_in_flight 0",
                        "cere_gateway_events_in_flight_limit 4");
    }

    @Test
    void namesTheAddressWhenThePortIsTaken() {
        GatewayOptions taken = options().port(gateway.port()).build();

        assertThatThrownBy(() -> EventGateway.start(taken).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + gateway.port() + ": ")
                .hasMessageEndingWith("(is another gateway or server using that port?)");
    }

    /**
     * A request is read on a request thread. Clients that send part of a request and stop hold
     * every thread until the JDK server's request-time limit closes their connections; then the
     * gateway serves others again.
     */
    @Test
    void closesConnectionsThatStallMidRequestAndServesOthersAgain() throws Exception {
        Duration limit = HttpServerProperties.maxRequestTime(System.getProperties());
        assertThat(limit)
                .as("the request-time limit")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        Duration quiet = Collections.min(List.of(limit.dividedBy(2), Duration.ofSeconds(3)));
        Duration slack = Duration.ofSeconds(15);
        ObjectNode envelope = envelopes.signed(1);
        byte[] head =
                ("POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 100\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
        List<RawHttpConnection> stalled = new ArrayList<>();
        try {
            long firstSent = System.nanoTime();
            // More than there are request threads: headers and 10 of 100 bytes of body...
            for (int i = 0; i < THREADS + 1; i++) {
                RawHttpConnection connection = RawHttpConnection.open(gateway.port(), DEADLINE);
                stalled.add(connection);
                connection.send(head);
                connection.send("[{\"id\":\"1\"".getBytes(StandardCharsets.US_ASCII));
            }
            // ...and one that stops in its headers.
            RawHttpConnection inHeaders = RawHttpConnection.open(gateway.port(), DEADLINE);
            stalled.add(inHeaders);
            inHeaders.send(
                    "POST /events HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
            // A slow request is neither answered nor dropped before the limit. The JDK server
            // times a request from its first byte, also while it waits for a thread; this wait
            // puts the next request's clock behind the stalled ones', so they reach the limit
            // first.
            assertThat(stalled.get(0).closesSilentlyWithin(quiet))
                    .as("stalled connection closed before the limit of %s", limit)
                    .isFalse();

            HttpResponse<String> response =
                    new GatewayClient(gateway.uri(), limit.plus(slack))
                            .post(SignedEnvelopes.json(envelope));
            long answeredAfter = System.nanoTime() - firstSent;

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(kafka.keys(topic)).containsExactly(envelope.get("id").asText());
            // It waited for a thread: the stalled requests held them all until the limit.
            assertThat(Duration.ofNanos(answeredAfter))
                    .isGreaterThanOrEqualTo(limit.minusMillis(500));
            for (int i = 0; i < stalled.size(); i++) {
                assertThat(stalled.get(i).closesSilentlyWithin(slack))
                        .as("stalled connection %d closed within %s", i, slack)
                        .isTrue();
            }
        } finally {
            for (RawHttpConnection connection : stalled) {
                connection.close();
            }
        }
        JsonNode health = json(client.get("/health"));
        assertThat(health.get("status").asText()).isEqualTo("UP");
    }
}
