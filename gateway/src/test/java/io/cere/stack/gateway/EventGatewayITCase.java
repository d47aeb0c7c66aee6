package io.cere.stack.gateway;

import static io.cere.stack.gateway.testutils.GatewayClient.json;
import static io.cere.stack.gateway.testutils.SignedEnvelopes.jsonArray;
import static io.cere.stack.gateway.testutils.SignedEnvelopes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.gateway.testutils.Await;
import io.cere.stack.gateway.testutils.GatewayClient;
import io.cere.stack.gateway.testutils.KafkaFixture;
import io.cere.stack.gateway.testutils.SignedEnvelopes;
import io.cere.stack.schemas.envelope.EnvelopeParser;
import io.cere.stack.schemas.envelope.RawEventHeaders;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against a real Kafka broker in its own process: what lands on the topic, and how the
 * gateway answers while the broker is frozen (SIGSTOP) or after it died. The broker is shared by
 * the class; each test writes to a topic of its own and leaves the broker running, except the last,
 * which kills it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventGatewayITCase {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /**
     * How long a request is watched for an answer that must not come while the broker is frozen.
     * The only wait for something not to happen; the answer, when the broker is back, is awaited
     * with {@link #DEADLINE}.
     */
    private static final Duration NO_ANSWER_WAIT = Duration.ofSeconds(2);

    @TempDir static Path dataDir;

    private static KafkaFixture kafka;

    private final SignedEnvelopes envelopes = new SignedEnvelopes(2026);
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
    void nameTopic(TestInfo test) {
        topic = "events." + test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private void startGateway(int partitions, GatewayOptions.Builder options) throws Exception {
        kafka.createTopic(topic, partitions);
        gateway =
                EventGateway.start(
                        options.port(0)
                                .bootstrapServers(kafka.bootstrapServers())
                                .topic(topic)
                                .build());
        client = new GatewayClient(gateway.uri(), DEADLINE);
    }

    private void startGateway(int partitions) throws Exception {
        startGateway(partitions, GatewayOptions.builder());
    }

    @Test
    void writesASignedEnvelopeWithItsExactBytesKeyAndHeaders() throws Exception {
        startGateway(3);
        ObjectNode envelope = envelopes.signed(1);
        String text = SignedEnvelopes.prettyJson(envelope);
        String id = envelope.get("id").asText();
        long before = System.currentTimeMillis();

        HttpResponse<String> response = client.post(text);

        long after = System.currentTimeMillis();
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response)).isEqualTo(json("{\"accepted\":[\"" + id + "\"]}"));
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertThat(records).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(id);
        assertThat(record.value()).isEqualTo(utf8(text));
        assertThat(record.timestamp()).isBetween(before, after);
        assertThat(header(record, RawEventHeaders.CLIENT_IP)).isEqualTo("127.0.0.1");
        assertThat(
                        RawEventHeaders.parseReceivedAt(
                                utf8(header(record, RawEventHeaders.RECEIVED_AT))))
                .isEqualTo(record.timestamp());
        assertThat(new EnvelopeParser().parse(record.value()).hasValidSignature()).isTrue();
    }

    @Test
    void writesEachEnvelopeOfAnArrayWithItsOwnBytes() throws Exception {
        startGateway(3);
        List<ObjectNode> three =
                List.of(envelopes.signed(1), envelopes.signed(2), envelopes.signed(3));
        List<String> texts =
                List.of(
                        SignedEnvelopes.json(three.get(0)),
                        SignedEnvelopes.prettyJson(three.get(1)),
                        SignedEnvelopes.json(three.get(2)).replace(",", " ,\t"));

        HttpResponse<String> response =
                client.post(
                        "[\n" + texts.get(0) + ",\n" + texts.get(1) + " , " + texts.get(2) + "]");

        assertThat(response.statusCode()).isEqualTo(202);
        List<String> ids = three.stream().map(e -> e.get("id").asText()).toList();
        assertThat(json(response).get("accepted"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(ids);
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic)) {
            byKey.put(new String(record.key(), StandardCharsets.UTF_8), record);
        }
        assertThat(byKey).hasSize(3);
        for (int i = 0; i < 3; i++) {
            ConsumerRecord<byte[], byte[]> record = byKey.get(ids.get(i));
            assertThat(record.value()).as("envelope %d", i).isEqualTo(utf8(texts.get(i)));
            assertThat(new EnvelopeParser().parse(record.value()).hasValidSignature()).isTrue();
            assertThat(header(record, RawEventHeaders.CLIENT_IP)).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void writesNothingOfARequestThatIsNotAllValid() throws Exception {
        // One partition: whatever a refused request might have written would come before the
        // envelope accepted last.
        startGateway(1, GatewayOptions.builder().maxInFlightEvents(4));
        ObjectNode bad = envelopes.signed(2).put("timestamp", "yesterday");
        ObjectNode accepted = envelopes.signed(9);

        HttpResponse<String> invalid = client.post(jsonArray(envelopes.signed(1), bad));
        HttpResponse<String> notJson = client.post("{\"id\": \"unterminated");
        HttpResponse<String> tooLarge = client.post("[" + " ".repeat(2 * 1024 * 1024) + "]");
        HttpResponse<String> tooMany =
                client.post(
                        jsonArray(
                                envelopes.signed(3),
                                envelopes.signed(4),
                                envelopes.signed(5),
                                envelopes.signed(6),
                                envelopes.signed(7)));
        HttpResponse<String> notJsonType =
                client.send(
                        client.request("/events")
                                .setHeader("Content-Type", "text/plain")
                                .POST(BodyPublishers.ofString(jsonArray(envelopes.signed(8)))));
        HttpResponse<String> ok = client.post(SignedEnvelopes.json(accepted));

        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode errors = json(invalid);
        assertThat(errors.get("error").asText()).isEqualTo("invalid_events");
        assertThat(errors.get("message").asText())
                .isEqualTo("1 of 2 envelopes are invalid; nothing was written");
        assertThat(errors.at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(errors.at("/errors/0/field").asText()).isEqualTo("timestamp");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("error").asText()).isEqualTo("malformed_json");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).get("error").asText()).isEqualTo("body_too_large");
        assertThat(tooMany.statusCode()).isEqualTo(413);
        assertThat(json(tooMany).get("error").asText()).isEqualTo("too_many_events");
        assertThat(json(tooMany).get("message").asText())
                .isEqualTo("the request holds 5 envelopes; at most 4 are accepted per request");
        assertThat(notJsonType.statusCode()).isEqualTo(415);
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(kafka.keys(topic)).containsExactly(accepted.get("id").asText());
    }

    @Test
    void answersAcceptedOnlyOnceKafkaHasAcknowledged() throws Exception {
        startGateway(1);
        ObjectNode warmUp = envelopes.signed(0);
        ObjectNode envelope = envelopes.signed(1);
        String id = envelope.get("id").asText();
        // The producer learns the topic's partitions before the broker stops answering.
        assertThat(client.post(SignedEnvelopes.json(warmUp)).statusCode()).isEqualTo(202);

        CompletableFuture<HttpResponse<String>> answer;
        kafka.broker().suspend();
        try {
            answer = client.postAsync(SignedEnvelopes.json(envelope));
            Await.until("the envelope is sent to Kafka", DEADLINE, () -> inFlight() == 1);
            assertThatThrownBy(() -> answer.get(NO_ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("an answer while the broker is frozen")
                    .isInstanceOf(TimeoutException.class);
        } finally {
            kafka.broker().resume();
        }

        HttpResponse<String> response = answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response)).isEqualTo(json("{\"accepted\":[\"" + id + "\"]}"));
        assertThat(kafka.keys(topic)).containsExactly(warmUp.get("id").asText(), id);
        assertThat(inFlight()).isZero();
    }

    @Test
    void refusesRequestsBeyondTheInFlightLimitWith503AndLosesNothingAccepted() throws Exception {
        int maxInFlight = 10;
        startGateway(1, GatewayOptions.builder().maxInFlightEvents(maxInFlight));
        // The producer learns the topic's partitions before the broker stops answering.
        assertThat(client.post(SignedEnvelopes.json(envelopes.signed(0))).statusCode())
                .isEqualTo(202);
        Map<String, CompletableFuture<HttpResponse<String>>> requests = new HashMap<>();

        kafka.broker().suspend();
        try {
            HttpResponse<String> refused = null;
            int admitted = 0;
            for (int i = 1; refused == null && i <= maxInFlight * 3; i++) {
                ObjectNode envelope = envelopes.signed(i);
                CompletableFuture<HttpResponse<String>> answer =
                        client.postAsync(SignedEnvelopes.json(envelope));
                requests.put(envelope.get("id").asText(), answer);
                // An admitted request waits for the frozen broker; a refused one is answered.
                int admittedBefore = admitted;
                Await.until(
                        "request " + i + " is answered or in flight",
                        DEADLINE,
                        () -> answer.isDone() || inFlight() > admittedBefore);
                if (answer.isDone()) {
                    refused = answer.get();
                } else {
                    admitted++;
                }
            }
            assertThat(refused).as("a request refused while the broker is frozen").isNotNull();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(refused).get("error").asText()).isEqualTo("overloaded");
            assertThat(inFlight()).isEqualTo(maxInFlight);
        } finally {
            kafka.broker().resume();
        }

        Set<String> acceptedIds = new HashSet<>();
        Set<String> refusedIds = new HashSet<>();
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> request :
                requests.entrySet()) {
            HttpResponse<String> response =
                    request.getValue().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            if (response.statusCode() == 202) {
                acceptedIds.add(request.getKey());
            } else {
                assertThat(response.statusCode()).isEqualTo(503);
                refusedIds.add(request.getKey());
            }
        }
        assertThat(acceptedIds).hasSize(maxInFlight);
        assertThat(refusedIds).hasSize(1);
        assertThat(kafka.keys(topic))
                .containsAll(acceptedIds)
                .doesNotContainAnyElementsOf(refusedIds);
        // The acknowledgements gave the permits back: the next request is admitted.
        assertThat(inFlight()).isZero();
        assertThat(client.post(SignedEnvelopes.json(envelopes.signed(100))).statusCode())
                .isEqualTo(202);
        assertThat(gateway.metrics().requestsOverloaded()).isEqualTo(1);
        assertThat(gateway.metrics().eventsAccepted()).isEqualTo(maxInFlight + 2);
    }

    @Test
    void closeWaitsForRequestsOnTheirWayToKafka() throws Exception {
        startGateway(1);
        ObjectNode warmUp = envelopes.signed(0);
        ObjectNode envelope = envelopes.signed(1);
        // The producer learns the topic's partitions before the broker stops answering.
        assertThat(client.post(SignedEnvelopes.json(warmUp)).statusCode()).isEqualTo(202);

        CompletableFuture<HttpResponse<String>> pending;
        CompletableFuture<Void> closed;
        kafka.broker().suspend();
        try {
            pending = client.postAsync(SignedEnvelopes.json(envelope));
            Await.until("the envelope is sent to Kafka", DEADLINE, () -> inFlight() == 1);
            closed = CompletableFuture.runAsync(gateway::close);
            // Closing has begun once requests are turned away. The probe is an empty array: if
            // it comes before that, it is answered 400 at once instead of waiting for the broker.
            Await.until("requests are answered 503 shutting_down", DEADLINE, this::isShuttingDown);
            assertThat(pending).as("the request waiting for the frozen broker").isNotDone();
            assertThat(closed).as("close, with a request waiting for the broker").isNotDone();
        } finally {
            kafka.broker().resume();
        }

        HttpResponse<String> response = pending.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(202);
        closed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(kafka.keys(topic))
                .containsExactly(warmUp.get("id").asText(), envelope.get("id").asText());
    }

    /** Last: it kills the class's broker. */
    @Test
    @Order(Integer.MAX_VALUE)
    void answers503KafkaUnavailableWhenTheBrokerIsGone() throws Exception {
        startGateway(
                1,
                GatewayOptions.builder()
                        .producerOverride("delivery.timeout.ms", "4000")
                        .producerOverride("request.timeout.ms", "2000"));
        assertThat(client.post(SignedEnvelopes.json(envelopes.signed(0))).statusCode())
                .isEqualTo(202);
        assertThat(client.statusOf("/health")).isEqualTo(200);

        kafka.broker().kill();

        HttpResponse<String> post =
                client.post(jsonArray(envelopes.signed(1), envelopes.signed(2)));
        assertThat(post.statusCode()).isEqualTo(503);
        assertThat(post.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode body = json(post);
        assertThat(body.get("error").asText()).isEqualTo("kafka_unavailable");
        assertThat(body.get("message").asText())
                .startsWith("Kafka did not acknowledge 2 of 2 events (")
                .endsWith("); none of this request is accepted; retry the request");
        assertThat(body.has("accepted")).isFalse();
        assertThat(gateway.metrics().requestsKafkaFailed()).isEqualTo(1);
        assertThat(inFlight()).isZero();
        Await.until("health reports DOWN", DEADLINE, () -> client.statusOf("/health") == 503);
        JsonNode health = json(client.get("/health"));
        assertThat(health.get("status").asText()).isEqualTo("DOWN");
        assertThat(health.at("/kafka/connected").asBoolean()).isFalse();
        assertThat(health.at("/kafka/reason").asText()).isNotBlank();
    }

    // --- helpers

    private int inFlight() {
        return (int) gateway.metrics().inFlightEvents();
    }

    private boolean isShuttingDown() {
        try {
            HttpResponse<String> response = client.post("[]");
            return response.statusCode() == 503
                    && json(response).get("error").asText().equals("shutting_down");
        } catch (Exception e) {
            throw new AssertionError("no answer to a request sent while closing", e);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
