package io.cere.stack.gateway;

import static io.cere.stack.gateway.testutils.SignedEnvelopes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.gateway.testutils.SignedEnvelopes;
import io.cere.stack.schemas.envelope.EnvelopeParser;
import io.cere.stack.schemas.envelope.RawEventHeaders;
import io.cere.stack.servers.FreePorts;
import io.cere.stack.servers.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against a real Kafka broker in its own process: what lands on the topic, and how the
 * gateway answers when the broker stalls or dies. The broker is shared; each test writes to a topic
 * of its own. The last tests stop the broker, so the order is fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventGatewayITCase {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir static Path dataDir;

    private static KafkaBroker kafka;
    private static Admin admin;

    private final SignedEnvelopes envelopes = new SignedEnvelopes(2026);
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private EventGateway gateway;

    @BeforeAll
    static void startKafka() throws Exception {
        int[] ports = FreePorts.pick(2);
        kafka =
                KafkaBroker.builder()
                        .dataDir(dataDir.resolve("kafka"))
                        .port(ports[0])
                        .controllerPort(ports[1])
                        .heap("384m")
                        .build()
                        .start();
        admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopKafka() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private EventGateway startGateway(String topic, int partitions, GatewayOptions.Builder options)
            throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        gateway =
                EventGateway.start(
                        options.port(0)
                                .bootstrapServers(kafka.bootstrapServers())
                                .topic(topic)
                                .build());
        return gateway;
    }

    private EventGateway startGateway(String topic, int partitions) throws Exception {
        return startGateway(topic, partitions, GatewayOptions.builder());
    }

    @Test
    @Order(1)
    void writesASignedEnvelopeWithItsExactBytesKeyAndHeaders() throws Exception {
        startGateway("events.single", 3);
        ObjectNode envelope = envelopes.signed(1);
        String text = SignedEnvelopes.prettyJson(envelope);
        String id = envelope.get("id").asText();
        long before = System.currentTimeMillis();

        HttpResponse<String> response = post(text);

        long after = System.currentTimeMillis();
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response)).isEqualTo(MAPPER.readTree("{\"accepted\":[\"" + id + "\"]}"));
        List<ConsumerRecord<byte[], byte[]>> records = readAll("events.single");
        assertThat(records).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(id);
        assertThat(record.value()).isEqualTo(utf8(text));
        assertThat(header(record, RawEventHeaders.CLIENT_IP)).isEqualTo("127.0.0.1");
        assertThat(
                        RawEventHeaders.parseReceivedAt(
                                utf8(header(record, RawEventHeaders.RECEIVED_AT))))
                .isBetween(before, after);
        assertThat(new EnvelopeParser().parse(record.value()).hasValidSignature()).isTrue();
    }

    @Test
    @Order(2)
    void writesEachEnvelopeOfAnArrayWithItsOwnBytes() throws Exception {
        startGateway("events.array", 3);
        List<ObjectNode> three =
                List.of(envelopes.signed(1), envelopes.signed(2), envelopes.signed(3));
        List<String> texts =
                List.of(
                        SignedEnvelopes.json(three.get(0)),
                        SignedEnvelopes.prettyJson(three.get(1)),
                        SignedEnvelopes.json(three.get(2)).replace(",", " ,\t"));

        HttpResponse<String> response =
                post("[\n" + texts.get(0) + ",\n" + texts.get(1) + " , " + texts.get(2) + "]");

        assertThat(response.statusCode()).isEqualTo(202);
        List<String> ids = three.stream().map(e -> e.get("id").asText()).toList();
        assertThat(json(response).get("accepted"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(ids);
        Map<String, byte[]> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll("events.array")) {
            byKey.put(new String(record.key(), StandardCharsets.UTF_8), record.value());
        }
        assertThat(byKey).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(byKey.get(ids.get(i))).as("envelope %d", i).isEqualTo(utf8(texts.get(i)));
            assertThat(new EnvelopeParser().parse(byKey.get(ids.get(i))).hasValidSignature())
                    .isTrue();
        }
    }

    @Test
    @Order(3)
    void writesNothingOfARequestThatIsNotAllValid() throws Exception {
        // One partition: whatever the rejected requests might have written would come before
        // the envelope accepted last.
        startGateway("events.rejected-requests", 1);
        ObjectNode bad = envelopes.signed(2).put("timestamp", "yesterday");
        ObjectNode accepted = envelopes.signed(9);

        HttpResponse<String> invalid =
                post(
                        "["
                                + SignedEnvelopes.json(envelopes.signed(1))
                                + ","
                                + SignedEnvelopes.json(bad)
                                + "]");
        HttpResponse<String> notJson = post("{\"id\": \"unterminated");
        HttpResponse<String> tooLarge = post("[" + " ".repeat(2 * 1024 * 1024) + "]");
        HttpResponse<String> ok = post(SignedEnvelopes.json(accepted));

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
        assertThat(tooLarge.body())
                .isEqualTo(
                        "{\"error\":\"body_too_large\",\"message\":\"request body exceeds 1048576 bytes\"}");
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(readAll("events.rejected-requests"))
                .extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                .containsExactly(accepted.get("id").asText());
    }

    @Test
    @Order(4)
    void healthIsUpWithTheTopicsPartitions() throws Exception {
        startGateway("events.health", 3);

        HttpResponse<String> health = get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
        assertThat(json(health).get("kafka"))
                .isEqualTo(
                        MAPPER.readTree(
                                "{\"bootstrapServers\":\""
                                        + kafka.bootstrapServers()
                                        + "\",\"connected\":true,\"topic\":\"events.health\","
                                        + "\"partitions\":3}"));
    }

    @Test
    @Order(5)
    void answers503WithRetryAfterWhileTheBrokerStallsAndLosesNothingAccepted() throws Exception {
        int maxInFlight = 10;
        startGateway("events.overload", 1, GatewayOptions.builder().maxInFlightEvents(maxInFlight));
        // The producer learns the topic's partitions before the broker stops answering.
        assertThat(post(SignedEnvelopes.json(envelopes.signed(0))).statusCode()).isEqualTo(202);
        Map<String, CompletableFuture<HttpResponse<String>>> requests = new HashMap<>();

        kafka.suspend();
        HttpResponse<String> refused;
        try {
            refused = null;
            int admitted = 0;
            for (int i = 1; refused == null && i <= maxInFlight * 3; i++) {
                ObjectNode envelope = envelopes.signed(i);
                CompletableFuture<HttpResponse<String>> answer =
                        postAsync(SignedEnvelopes.json(envelope));
                requests.put(envelope.get("id").asText(), answer);
                // An admitted request waits for the stalled broker; a refused one is answered.
                int admittedBefore = admitted;
                await(() -> answer.isDone() || inFlight() > admittedBefore);
                if (answer.isDone()) {
                    refused = answer.get();
                } else {
                    admitted++;
                }
            }
            assertThat(refused).as("a request refused while the broker stalls").isNotNull();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(refused).get("error").asText()).isEqualTo("overloaded");
            assertThat(inFlight()).isEqualTo(maxInFlight);
        } finally {
            kafka.resume();
        }

        Set<String> acceptedIds = new HashSet<>();
        Set<String> refusedIds = new HashSet<>();
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> request :
                requests.entrySet()) {
            HttpResponse<String> response = request.getValue().get();
            if (response.statusCode() == 202) {
                acceptedIds.add(request.getKey());
            } else {
                assertThat(response.statusCode()).isEqualTo(503);
                refusedIds.add(request.getKey());
            }
        }
        assertThat(acceptedIds).hasSize(maxInFlight);
        Set<String> onTopic =
                readAll("events.overload").stream()
                        .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                        .collect(Collectors.toSet());
        assertThat(onTopic).containsAll(acceptedIds).doesNotContainAnyElementsOf(refusedIds);
        await(() -> statusOf("/health") == 200);
    }

    @Test
    @Order(6)
    void answers503WhenKafkaIsGone() throws Exception {
        startGateway(
                "events.down",
                1,
                GatewayOptions.builder()
                        .producerOverride("delivery.timeout.ms", "4000")
                        .producerOverride("request.timeout.ms", "2000"));
        assertThat(post(SignedEnvelopes.json(envelopes.signed(0))).statusCode()).isEqualTo(202);
        assertThat(statusOf("/health")).isEqualTo(200);

        kafka.kill();

        await(() -> statusOf("/health") == 503);
        JsonNode health = json(get("/health"));
        assertThat(health.get("status").asText()).isEqualTo("DOWN");
        assertThat(health.at("/kafka/connected").asBoolean()).isFalse();
        assertThat(health.at("/kafka/reason").asText()).isNotBlank();
        HttpResponse<String> post = post(SignedEnvelopes.json(envelopes.signed(1)));
        assertThat(post.statusCode()).isEqualTo(503);
        assertThat(post.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(post).get("error").asText()).isEqualTo("kafka_unavailable");
        assertThat(json(post).has("accepted")).isFalse();
    }

    // --- helpers

    private int inFlight() {
        return (int) gateway.metrics().inFlightEvents();
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> config =
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, DEADLINE).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, DEADLINE);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime())
                        .as("read %s to its end in time", topic)
                        .isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create(gateway.uri() + path);
    }

    private HttpRequest.Builder postRequest(String body) {
        return HttpRequest.newBuilder(uri("/events"))
                .timeout(DEADLINE)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body));
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(postRequest(body).build(), BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return http.sendAsync(postRequest(body).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path)).timeout(DEADLINE).GET().build(),
                BodyHandlers.ofString());
    }

    private int statusOf(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + DEADLINE);
            }
            Thread.sleep(10);
        }
    }
}
