package io.cere.stack.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.cere.stack.schemas.envelope.RawEventHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /events}: checks a request at the edge, writes its envelopes to Kafka, and answers
 * 202 only once Kafka has acknowledged every one of them.
 *
 * <p>The request thread never waits on Kafka: it sends the records and returns; the answer is
 * written when the last producer callback of the request arrives. A request that cannot get one
 * in-flight permit per envelope at once is answered 503 without sending anything.
 */
final class EventsHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EventsHandler.class);

    static final int OVERLOAD_RETRY_AFTER_SECONDS = 1;
    static final int KAFKA_RETRY_AFTER_SECONDS = 5;
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String topic;
    private final int maxBodyBytes;
    private final EnvelopeBatchReader reader;
    private final InFlightEvents inFlight;
    private final Producer<byte[], byte[]> producer;
    private final GatewayMetrics metrics;
    private final ExchangeResponder responder;
    private final AtomicLong lastWarningNanos;
    private final AtomicLong unloggedFailures = new AtomicLong();

    EventsHandler(
            String topic,
            int maxBodyBytes,
            EnvelopeBatchReader reader,
            InFlightEvents inFlight,
            Producer<byte[], byte[]> producer,
            GatewayMetrics metrics,
            ExchangeResponder responder) {
        this.topic = topic;
        this.maxBodyBytes = maxBodyBytes;
        this.reader = reader;
        this.inFlight = inFlight;
        this.producer = producer;
        this.metrics = metrics;
        this.responder = responder;
        this.lastWarningNanos = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
    }

    void handle(HttpExchange exchange) {
        List<RawEnvelope> envelopes;
        try {
            envelopes = readEnvelopes(exchange);
        } catch (RejectedRequest rejected) {
            metrics.rejected(rejected.status());
            responder.send(exchange, rejected.response());
            return;
        } catch (IOException e) {
            LOG.debug("Lost the request body of {}", exchange.getRemoteAddress(), e);
            responder.abandon(exchange);
            return;
        }
        if (!inFlight.tryAdmit(envelopes.size())) {
            metrics.overloaded();
            responder.send(exchange, overloaded(envelopes.size()));
            return;
        }
        send(exchange, envelopes);
    }

    private List<RawEnvelope> readEnvelopes(HttpExchange exchange)
            throws RejectedRequest, IOException {
        Headers headers = exchange.getRequestHeaders();
        RequestBody.checkContentType(headers.getFirst("Content-Type"));
        long declared = RequestBody.declaredLength(headers.getFirst("Content-Length"));
        byte[] body = RequestBody.read(exchange.getRequestBody(), declared, maxBodyBytes);
        List<RawEnvelope> envelopes = reader.read(body);
        if (envelopes.size() > inFlight.max()) {
            throw RejectedRequest.of(
                    RequestBody.STATUS_TOO_LARGE,
                    "too_many_events",
                    "the request holds "
                            + envelopes.size()
                            + " envelopes; at most "
                            + inFlight.max()
                            + " are accepted per request");
        }
        return envelopes;
    }

    private void send(HttpExchange exchange, List<RawEnvelope> envelopes) {
        long receivedAt = System.currentTimeMillis();
        List<Header> headers =
                List.of(
                        new RecordHeader(
                                RawEventHeaders.CLIENT_IP,
                                exchange.getRemoteAddress()
                                        .getAddress()
                                        .getHostAddress()
                                        .getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader(
                                RawEventHeaders.RECEIVED_AT,
                                RawEventHeaders.receivedAt(receivedAt)));
        Delivery delivery = new Delivery(exchange, envelopes);
        for (int i = 0; i < envelopes.size(); i++) {
            RawEnvelope envelope = envelopes.get(i);
            ProducerRecord<byte[], byte[]> record =
                    new ProducerRecord<>(
                            topic, null, receivedAt, envelope.key(), envelope.bytes(), headers);
            try {
                producer.send(record, delivery);
            } catch (RuntimeException e) {
                // Not sent (producer closed, interrupted, ...): its callback will never come.
                delivery.notSent(envelopes.size() - i, e);
                return;
            }
        }
    }

    /** Collects the acknowledgements of one request's records and answers after the last. */
    private final class Delivery implements Callback {
        private final HttpExchange exchange;
        private final List<RawEnvelope> envelopes;
        private final AtomicInteger outstanding;
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

        Delivery(HttpExchange exchange, List<RawEnvelope> envelopes) {
            this.exchange = exchange;
            this.envelopes = envelopes;
            this.outstanding = new AtomicInteger(envelopes.size());
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            inFlight.release(1);
            if (exception != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, exception);
            }
            if (outstanding.decrementAndGet() == 0) {
                finish();
            }
        }

        void notSent(int count, Exception cause) {
            inFlight.release(count);
            failed.addAndGet(count);
            firstFailure.compareAndSet(null, cause);
            if (outstanding.addAndGet(-count) == 0) {
                finish();
            }
        }

        private void finish() {
            Exception failure = firstFailure.get();
            GatewayResponse response;
            if (failure == null) {
                metrics.accepted(envelopes.size());
                response = accepted(envelopes);
            } else {
                metrics.kafkaFailed(envelopes.size());
                warn(failed.get(), envelopes.size(), failure);
                response = kafkaFailed(failed.get(), envelopes.size(), failure);
            }
            responder.sendLater(exchange, response);
        }
    }

    static GatewayResponse accepted(List<RawEnvelope> envelopes) {
        ObjectNode body = GatewayResponse.object();
        ArrayNode ids = body.putArray("accepted");
        envelopes.forEach(envelope -> ids.add(envelope.id()));
        return GatewayResponse.json(202, body);
    }

    private GatewayResponse overloaded(int events) {
        return GatewayResponse.error(
                        503,
                        "overloaded",
                        "too many events in flight to Kafka (limit "
                                + inFlight.max()
                                + "); could not admit "
                                + events
                                + ", retry after "
                                + OVERLOAD_RETRY_AFTER_SECONDS
                                + " s")
                .withHeader("Retry-After", Integer.toString(OVERLOAD_RETRY_AFTER_SECONDS));
    }

    /**
     * Kafka did not acknowledge every record: nothing is listed as accepted. Records of the request
     * that Kafka did take stay on the topic, so a retry may write an envelope twice; the ingest job
     * drops duplicates by id.
     */
    static GatewayResponse kafkaFailed(int failed, int total, Exception failure) {
        String what =
                "Kafka did not acknowledge "
                        + failed
                        + " of "
                        + total
                        + " events ("
                        + failure
                        + "); none of this request is accepted";
        if (failure instanceof RecordTooLargeException) {
            return GatewayResponse.error(
                    RequestBody.STATUS_TOO_LARGE, "event_too_large", what + "; do not retry as is");
        }
        return GatewayResponse.error(503, "kafka_unavailable", what + "; retry the request")
                .withHeader("Retry-After", Integer.toString(KAFKA_RETRY_AFTER_SECONDS));
    }

    /** One warning per interval at most, however many requests fail while Kafka is away. */
    private void warn(int failed, int total, Exception failure) {
        long now = System.nanoTime();
        long last = lastWarningNanos.get();
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarningNanos.compareAndSet(last, now)) {
            long unlogged = unloggedFailures.getAndSet(0);
            LOG.warn(
                    "Kafka did not acknowledge {} of {} events for topic {} ({} more failed"
                            + " requests since the last warning): {}",
                    failed,
                    total,
                    topic,
                    unlogged,
                    failure.toString());
        } else {
            unloggedFailures.incrementAndGet();
        }
    }
}
