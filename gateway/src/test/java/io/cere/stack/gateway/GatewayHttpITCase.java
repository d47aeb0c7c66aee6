package io.cere.stack.gateway;

import static io.cere.stack.gateway.testutils.SignedEnvelopes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.gateway.testutils.SignedEnvelopes;
import io.cere.stack.schemas.envelope.RawEventHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's HTTP behaviour over an in-memory producer that acknowledges when told to. */
class GatewayHttpITCase {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_IN_FLIGHT = 4;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final SignedEnvelopes envelopes = new SignedEnvelopes(7);
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private MockProducer<byte[], byte[]> producer;
    private volatile CompletionStage<Integer> kafkaAnswer = CompletableFuture.completedFuture(3);
    private EventGateway gateway;

    @BeforeEach
    void startGateway() {
        producer = new MockProducer<>(false, new ByteArraySerializer(), new ByteArraySerializer());
        gateway = EventGateway.start(options().build(), producer, probe());
    }

    private GatewayOptions.Builder options() {
        return GatewayOptions.builder()
                .port(0)
                .bootstrapServers("127.0.0.1:9")
                .topic("events.test")
                .maxBodyBytes(MAX_BODY_BYTES)
                .maxInFlightEvents(MAX_IN_FLIGHT)
                .threads(2);
    }

    private KafkaHealthProbe probe() {
        return new KafkaHealthProbe(
                (topic, timeout) -> kafkaAnswer,
                "events.test",
                Duration.ofSeconds(1),
                Duration.ZERO,
                System::nanoTime);
    }

    @AfterEach
    void stopGateway() {
        while (producer.completeNext()) {
            // answer whatever a failed test left pending, so close() need not wait
        }
        gateway.close();
    }

    @Test
    void answersAcceptedOnlyAfterKafkaAcknowledges() throws Exception {
        ObjectNode envelope = envelopes.signed(1);

        CompletableFuture<HttpResponse<String>> answer = postAsync(SignedEnvelopes.json(envelope));
        await(() -> producer.history().size() == 1);
        assertThat(answer).isNotDone();
        producer.completeNext();

        HttpResponse<String> response = answer.get();
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response))
                .isEqualTo(
                        MAPPER.readTree(
                                "{\"accepted\":[\"" + envelope.get("id").asText() + "\"]}"));
    }

    @Test
    void writesEachEnvelopeAsSentKeyedByIdWithClientHeaders() throws Exception {
        ObjectNode first = envelopes.signed(1);
        ObjectNode second = envelopes.signed(2);
        String firstText = SignedEnvelopes.prettyJson(first);
        String secondText = SignedEnvelopes.json(second);
        long before = System.currentTimeMillis();

        CompletableFuture<HttpResponse<String>> answer =
                postAsync("[ " + firstText + ",\n" + secondText + " ]");
        await(() -> producer.history().size() == 2);
        long after = System.currentTimeMillis();
        producer.completeNext();
        producer.completeNext();

        assertThat(answer.get().statusCode()).isEqualTo(202);
        assertThat(json(answer.get()).get("accepted"))
                .extracting(JsonNode::asText)
                .containsExactly(first.get("id").asText(), second.get("id").asText());
        List<ProducerRecord<byte[], byte[]>> records = producer.history();
        assertRecord(records.get(0), first, firstText, before, after);
        assertRecord(records.get(1), second, secondText, before, after);
    }

    private static void assertRecord(
            ProducerRecord<byte[], byte[]> record,
            ObjectNode envelope,
            String text,
            long before,
            long after) {
        assertThat(record.topic()).isEqualTo("events.test");
        assertThat(new String(record.key(), StandardCharsets.UTF_8))
                .isEqualTo(envelope.get("id").asText());
        assertThat(record.value()).isEqualTo(utf8(text));
        Header clientIp = record.headers().lastHeader(RawEventHeaders.CLIENT_IP);
        assertThat(new String(clientIp.value(), StandardCharsets.UTF_8)).isEqualTo("127.0.0.1");
        long receivedAt =
                RawEventHeaders.parseReceivedAt(
                        record.headers().lastHeader(RawEventHeaders.RECEIVED_AT).value());
        assertThat(receivedAt).isBetween(before, after);
    }

    @Test
    void answers503AndListsNothingWhenKafkaDoesNotAcknowledge() throws Exception {
        CompletableFuture<HttpResponse<String>> answer =
                postAsync(array(envelopes.signed(1), envelopes.signed(2)));
        await(() -> producer.history().size() == 2);
        producer.completeNext();
        producer.errorNext(new TimeoutException("Expiring 1 record(s)"));

        HttpResponse<String> response = answer.get();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("kafka_unavailable");
        assertThat(body.get("message").asText())
                .contains("did not acknowledge 1 of 2 events")
                .contains("Expiring 1 record(s)");
        assertThat(body.has("accepted")).isFalse();
        assertThat(gateway.metrics().requestsKafkaFailed()).isEqualTo(1);
    }

    @Test
    void refusesRequestsBeyondTheInFlightLimitWith503() throws Exception {
        CompletableFuture<HttpResponse<String>> three =
                postAsync(array(envelopes.signed(1), envelopes.signed(2), envelopes.signed(3)));
        await(() -> producer.history().size() == 3);
        CompletableFuture<HttpResponse<String>> fourth =
                postAsync(SignedEnvelopes.json(envelopes.signed(4)));
        await(() -> producer.history().size() == 4);

        HttpResponse<String> refused = post(SignedEnvelopes.json(envelopes.signed(5)));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(refused).get("error").asText()).isEqualTo("overloaded");
        assertThat(producer.history()).hasSize(4);
        while (producer.completeNext()) {
            // acknowledge all four
        }
        assertThat(three.get().statusCode()).isEqualTo(202);
        assertThat(fourth.get().statusCode()).isEqualTo(202);

        CompletableFuture<HttpResponse<String>> again =
                postAsync(SignedEnvelopes.json(envelopes.signed(5)));
        await(() -> producer.history().size() == 5);
        producer.completeNext();
        assertThat(again.get().statusCode()).isEqualTo(202);
        assertThat(gateway.metrics().requestsOverloaded()).isEqualTo(1);
        assertThat(gateway.metrics().eventsAccepted()).isEqualTo(5);
    }

    @Test
    void refusesMoreEnvelopesThanCanEverBeInFlight() throws Exception {
        ObjectNode[] many = new ObjectNode[MAX_IN_FLIGHT + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = envelopes.signed(i);
        }

        HttpResponse<String> response = post(array(many));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).isEqualTo("too_many_events");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void refusesABodyOverTheLimitByContentLength() throws Exception {
        byte[] body = new byte[MAX_BODY_BYTES + 1];

        HttpResponse<String> response =
                http.send(
                        request("/events").POST(BodyPublishers.ofByteArray(body)).build(),
                        BodyHandlers.ofString());

        assertTooLarge(response);
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWhileReadingIt() throws Exception {
        byte[] body = new byte[MAX_BODY_BYTES * 3];

        HttpResponse<String> response =
                http.send(
                        request("/events")
                                .POST(
                                        BodyPublishers.ofInputStream(
                                                () -> new ByteArrayInputStream(body)))
                                .build(),
                        BodyHandlers.ofString());

        assertTooLarge(response);
    }

    private void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .isEqualTo(
                        "{\"error\":\"body_too_large\",\"message\":\"request body exceeds "
                                + MAX_BODY_BYTES
                                + " bytes\"}");
        assertThat(producer.history()).isEmpty();
        assertThat(gateway.metrics().requestsRejected(413)).isEqualTo(1);
    }

    @Test
    void acceptsAChunkedBodyWithinTheLimit() throws Exception {
        ObjectNode envelope = envelopes.signed(1);
        byte[] body = utf8(SignedEnvelopes.json(envelope));

        CompletableFuture<HttpResponse<String>> answer =
                http.sendAsync(
                        request("/events")
                                .POST(
                                        BodyPublishers.ofInputStream(
                                                () -> new ByteArrayInputStream(body)))
                                .build(),
                        BodyHandlers.ofString());
        await(() -> producer.history().size() == 1);
        producer.completeNext();

        assertThat(answer.get().statusCode()).isEqualTo(202);
        assertThat(producer.history().get(0).value()).isEqualTo(body);
    }

    @Test
    void refusesInvalidEnvelopesAndWritesNothing() throws Exception {
        ObjectNode bad = envelopes.signed(2);
        bad.remove("accountId");

        HttpResponse<String> invalid = post(array(envelopes.signed(1), bad));
        HttpResponse<String> notJson = post("this is not json");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(json(invalid).at("/errors/0/field").asText()).isEqualTo("accountId");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("error").asText()).isEqualTo("malformed_json");
        assertThat(producer.history()).isEmpty();
        assertThat(gateway.metrics().requestsRejected(400)).isEqualTo(2);
    }

    @Test
    void requiresAJsonContentType() throws Exception {
        String envelope = SignedEnvelopes.json(envelopes.signed(1));

        HttpResponse<String> plain =
                http.send(
                        HttpRequest.newBuilder(uri("/events"))
                                .header("Content-Type", "text/plain")
                                .POST(BodyPublishers.ofString(envelope))
                                .build(),
                        BodyHandlers.ofString());
        HttpResponse<String> none =
                http.send(
                        HttpRequest.newBuilder(uri("/events"))
                                .POST(BodyPublishers.ofString(envelope))
                                .build(),
                        BodyHandlers.ofString());

        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(json(plain).get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void answersUnknownPathsAndMethodsWithJson() throws Exception {
        HttpResponse<String> unknown =
                http.send(request("/event").GET().build(), BodyHandlers.ofString());
        HttpResponse<String> getEvents =
                http.send(request("/events").GET().build(), BodyHandlers.ofString());
        HttpResponse<String> postHealth =
                http.send(
                        request("/health").POST(BodyPublishers.ofString("{}")).build(),
                        BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("not_found");
        assertThat(getEvents.statusCode()).isEqualTo(405);
        assertThat(getEvents.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(getEvents).get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(postHealth.statusCode()).isEqualTo(405);
        assertThat(postHealth.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void keepsTheConnectionAliveAcrossAnswers() throws Exception {
        String envelope = SignedEnvelopes.json(envelopes.signed(1));
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout((int) DEADLINE.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            write(out, "POST /events HTTP/1.1", "application/json", envelope);
            await(() -> producer.history().size() == 1);
            producer.completeNext();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 202");

            write(out, "POST /events HTTP/1.1", "application/json", "[]");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 400");

            write(out, "POST /events HTTP/1.1", "application/json", "x".repeat(MAX_BODY_BYTES + 1));
            assertThat(readResponse(in)).startsWith("HTTP/1.1 413");

            write(out, "GET /health HTTP/1.1", null, "");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("\"UP\"");

            write(out, "GET /nowhere HTTP/1.1", null, "");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void healthReportsWhetherKafkaTakesEvents() throws Exception {
        HttpResponse<String> up =
                http.send(request("/health").GET().build(), BodyHandlers.ofString());
        kafkaAnswer = CompletableFuture.failedFuture(new TimeoutException("no broker"));
        HttpResponse<String> down =
                http.send(request("/health").GET().build(), BodyHandlers.ofString());

        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(json(up))
                .isEqualTo(
                        MAPPER.readTree(
                                "{\"status\":\"UP\",\"kafka\":{\"bootstrapServers\":\"127.0.0.1:9\","
                                        + "\"connected\":true,\"topic\":\"events.test\",\"partitions\":3},"
                                        + "\"inFlightEvents\":0,\"maxInFlightEvents\":4}"));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json(down).get("status").asText()).isEqualTo("DOWN");
        assertThat(json(down).at("/kafka/connected").asBoolean()).isFalse();
        assertThat(json(down).at("/kafka/reason").asText()).contains("no broker");
    }

    @Test
    void exposesCountersAsPrometheusText() throws Exception {
        CompletableFuture<HttpResponse<String>> accepted =
                postAsync(array(envelopes.signed(1), envelopes.signed(2)));
        await(() -> producer.history().size() == 2);
        producer.completeNext();
        producer.completeNext();
        assertThat(accepted.get().statusCode()).isEqualTo(202);
        post("nope");
        http.send(request("/nowhere").GET().build(), BodyHandlers.ofString());

        HttpResponse<String> metrics =
                http.send(request("/metrics").GET().build(), BodyHandlers.ofString());

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
                        "cere_gateway_events_in_flight 0",
                        "cere_gateway_events_in_flight_limit 4");
    }

    @Test
    void closeWaitsForRequestsOnTheirWayToKafka() throws Exception {
        CompletableFuture<HttpResponse<String>> pending =
                postAsync(SignedEnvelopes.json(envelopes.signed(1)));
        await(() -> producer.history().size() == 1);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(gateway::close);
        assertThat(closed).isNotDone();
        producer.completeNext();

        assertThat(pending.get().statusCode()).isEqualTo(202);
        closed.get();
    }

    @Test
    void namesTheAddressWhenThePortIsTaken() {
        GatewayOptions taken = options().port(gateway.port()).build();

        assertThatThrownBy(() -> EventGateway.start(taken, producer, probe()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + gateway.port());
    }

    // --- helpers

    private static String array(ObjectNode... envelopes) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < envelopes.length; i++) {
            out.append(i == 0 ? "" : ",").append(SignedEnvelopes.json(envelopes[i]));
        }
        return out.append(']').toString();
    }

    private URI uri(String path) {
        return URI.create(gateway.uri() + path);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(DEADLINE)
                .header("Content-Type", "application/json");
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(
                request("/events").POST(BodyPublishers.ofString(body)).build(),
                BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return http.sendAsync(
                request("/events").POST(BodyPublishers.ofString(body)).build(),
                BodyHandlers.ofString());
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
            Thread.sleep(5);
        }
    }

    private static void write(OutputStream out, String requestLine, String contentType, String body)
            throws IOException {
        byte[] bytes = utf8(body);
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /** Reads one response, whose length must be given by Content-Length. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = -1;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        assertThat(length).as("Content-Length of %s", headers).isNotNegative();
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
