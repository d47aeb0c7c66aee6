package io.cere.stack.gateway;

import com.sun.net.httpserver.HttpServer;
import io.cere.stack.schemas.envelope.EnvelopeParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event gateway: an HTTP server that takes signed events on {@code POST /events} and writes
 * them, unchanged, to a Kafka topic.
 *
 * <p>It checks structure only (signatures are verified by the ingest job), answers 202 once Kafka
 * has acknowledged every event of a request, and refuses work it cannot take (413, 503 with
 * Retry-After) instead of queueing it. See {@link GatewayRoutes} for the resources.
 */
public final class EventGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventGateway.class);

    /** How long {@link #close()} waits for requests whose events are on their way to Kafka. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final GatewayOptions options;
    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final Producer<byte[], byte[]> producer;
    private final KafkaHealthProbe health;
    private final ExchangeResponder responder;
    private final GatewayMetrics metrics;
    private final int port;
    private final AtomicBoolean closing = new AtomicBoolean();

    private EventGateway(
            GatewayOptions options,
            HttpServer server,
            Producer<byte[], byte[]> producer,
            KafkaHealthProbe health) {
        this.options = options;
        this.server = server;
        this.producer = producer;
        this.health = health;
        this.requestThreads = Executors.newFixedThreadPool(options.threads(), threadFactory());
        this.responder = new ExchangeResponder(requestThreads);
        InFlightEvents inFlight = new InFlightEvents(options.maxInFlightEvents());
        this.metrics = new GatewayMetrics(inFlight);
        EventsHandler events =
                new EventsHandler(
                        options.topic(),
                        options.maxBodyBytes(),
                        new EnvelopeBatchReader(new EnvelopeParser()),
                        inFlight,
                        producer,
                        metrics,
                        responder);
        server.createContext(
                "/",
                new GatewayRoutes(
                        events,
                        health,
                        metrics,
                        responder,
                        inFlight,
                        options.bootstrapServers(),
                        options.topic(),
                        closing::get));
        server.setExecutor(requestThreads);
        server.start();
        this.port = server.getAddress().getPort();
    }

    /**
     * Starts a gateway: listens on {@code options.host():options.port()} and connects to Kafka.
     *
     * @throws IllegalStateException when the address cannot be listened on (for instance, the port
     *     is in use), naming host and port
     */
    public static EventGateway start(GatewayOptions options) {
        Objects.requireNonNull(options, "options");
        LOG.info("Starting the event gateway: {}", options);
        HttpServer server = bind(options);
        Producer<byte[], byte[]> producer = null;
        Admin admin = null;
        try {
            producer =
                    new KafkaProducer<>(
                            options.producerConfig(),
                            new ByteArraySerializer(),
                            new ByteArraySerializer());
            admin = Admin.create(options.adminConfig());
            return new EventGateway(
                    options, server, producer, KafkaHealthProbe.forAdmin(admin, options.topic()));
        } catch (RuntimeException e) {
            server.stop(0);
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            throw e;
        }
    }

    private static HttpServer bind(GatewayOptions options) {
        // Read by the JDK server once, when the first server of the process is made.
        HttpServerProperties.applyDefaults(System.getProperties());
        Duration maxRequestTime = HttpServerProperties.maxRequestTime(System.getProperties());
        if (maxRequestTime == null) {
            LOG.warn(
                    "{}={}: no limit on how long a request may take to arrive; a client that"
                            + " stalls mid-request holds a request thread for ever",
                    HttpServerProperties.MAX_REQUEST_TIME,
                    System.getProperty(HttpServerProperties.MAX_REQUEST_TIME));
        } else {
            LOG.info(
                    "A request must arrive within {} s of its first byte ({})",
                    maxRequestTime.toSeconds(),
                    HttpServerProperties.MAX_REQUEST_TIME);
        }
        String where = options.host() + ":" + options.port();
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(
                    "cannot listen on " + where + ": unknown host '" + options.host() + "'");
        }
        try {
            return HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new IllegalStateException(
                    "cannot listen on "
                            + where
                            + ": "
                            + e.getMessage()
                            + " (is another gateway or server using that port?)",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + where + ": " + e.getMessage(), e);
        }
    }

    private static ThreadFactory threadFactory() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "gateway-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The port the gateway listens on (the chosen one when the options said 0). */
    public int port() {
        return port;
    }

    /** The gateway's base address, for instance {@code http://127.0.0.1:8080}. */
    public URI uri() {
        String host = options.host();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    public GatewayOptions options() {
        return options;
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * Stops taking events (new requests get 503), waits for the answers of requests whose events
     * are on their way to Kafka, then stops the server and flushes and closes the producer.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (responder.openExchanges() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (responder.openExchanges() > 0) {
            LOG.warn(
                    "Closing the event gateway with {} requests still unanswered",
                    responder.openExchanges());
        }
        server.stop(0);
        producer.close(PRODUCER_CLOSE_TIMEOUT);
        requestThreads.shutdown();
        try {
            if (!requestThreads.awaitTermination(5, TimeUnit.SECONDS)) {
                requestThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            requestThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        health.close();
        LOG.info("Event gateway on {} stopped", uri());
    }
}
