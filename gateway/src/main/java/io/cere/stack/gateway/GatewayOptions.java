package io.cere.stack.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Everything the event gateway can be told: where it listens, where Kafka is, and its limits.
 *
 * <p>Immutable; built with {@link #builder()}, which validates every value once and reports all
 * problems together. {@link #toString()} prints every option (the gateway logs it once at start).
 */
public final class GatewayOptions {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_TOPIC = "events.raw";
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT_EVENTS = 20_000;
    public static final int DEFAULT_THREADS = 4;

    /**
     * A request body is buffered in memory; this keeps a misconfigured limit from exhausting it.
     */
    static final int MAX_BODY_BYTES_LIMIT = 64 * 1024 * 1024;

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern BOOTSTRAP_SERVER = Pattern.compile("\\S+:\\d{1,5}");

    /**
     * Producer settings the gateway relies on for its answers to be true: a 202 means every replica
     * has the event, exactly once per send.
     */
    private static final Map<String, String> REQUIRED_PRODUCER_SETTINGS =
            Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

    private static final Set<String> RESERVED_PRODUCER_SETTINGS =
            Set.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    private final String host;
    private final int port;
    private final String bootstrapServers;
    private final String topic;
    private final int maxBodyBytes;
    private final int maxInFlightEvents;
    private final int threads;
    private final Map<String, String> producerOverrides;

    private GatewayOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.bootstrapServers = b.bootstrapServers;
        this.topic = b.topic;
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxInFlightEvents = b.maxInFlightEvents;
        this.threads = b.threads;
        this.producerOverrides = Collections.unmodifiableMap(new TreeMap<>(b.producerOverrides));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's values, to derive a variant. */
    public Builder toBuilder() {
        return new Builder()
                .host(host)
                .port(port)
                .bootstrapServers(bootstrapServers)
                .topic(topic)
                .maxBodyBytes(maxBodyBytes)
                .maxInFlightEvents(maxInFlightEvents)
                .threads(threads)
                .producerOverrides(producerOverrides);
    }

    /**
     * The address to listen on; 127.0.0.1 by default, so nothing outside the machine reaches it.
     */
    public String host() {
        return host;
    }

    /** The port to listen on; 0 picks a free one (see {@link EventGateway#port()}). */
    public int port() {
        return port;
    }

    /** Kafka's bootstrap servers, {@code host:port[,host:port...]}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The topic every accepted envelope is written to. */
    public String topic() {
        return topic;
    }

    /** The largest request body accepted; a larger one is answered 413. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** How many events may wait for Kafka's acknowledgement at once before requests get 503. */
    public int maxInFlightEvents() {
        return maxInFlightEvents;
    }

    /** Threads that read requests and write responses. */
    public int threads() {
        return threads;
    }

    /** Kafka producer settings applied over the gateway's defaults (read-only, sorted). */
    public Map<String, String> producerOverrides() {
        return producerOverrides;
    }

    /**
     * The Kafka producer configuration: the gateway's defaults, then {@link #producerOverrides()}.
     *
     * <p>The defaults keep a request thread from waiting on Kafka for long: {@code max.block.ms}
     * bounds how long {@code send()} may block for metadata or buffer space, and {@code
     * delivery.timeout.ms} how long a client waits for its answer when Kafka does not acknowledge.
     */
    Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "cere-gateway");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(32L * 1024 * 1024));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        // One envelope may be as large as a whole body; leave room for key, headers and framing.
        config.put(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(Math.max(1024 * 1024, maxBodyBytes + 64 * 1024)));
        config.putAll(producerOverrides);
        return config;
    }

    /**
     * The configuration of the admin client behind {@code GET /health}: the bootstrap servers and
     * those overrides that also apply to an admin client (security settings, for instance).
     */
    Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        Set<String> adminKeys = AdminClientConfig.configNames();
        producerOverrides.forEach(
                (key, value) -> {
                    if (adminKeys.contains(key)) {
                        config.put(key, value);
                    }
                });
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "cere-gateway-health");
        return config;
    }

    @Override
    public String toString() {
        return "GatewayOptions{host="
                + host
                + ", port="
                + port
                + ", bootstrapServers="
                + bootstrapServers
                + ", topic="
                + topic
                + ", maxBodyBytes="
                + maxBodyBytes
                + ", maxInFlightEvents="
                + maxInFlightEvents
                + ", threads="
                + threads
                + ", producerOverrides="
                + producerOverrides
                + "}";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GatewayOptions)) {
            return false;
        }
        GatewayOptions that = (GatewayOptions) o;
        return port == that.port
                && maxBodyBytes == that.maxBodyBytes
                && maxInFlightEvents == that.maxInFlightEvents
                && threads == that.threads
                && host.equals(that.host)
                && bootstrapServers.equals(that.bootstrapServers)
                && topic.equals(that.topic)
                && producerOverrides.equals(that.producerOverrides);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                host,
                port,
                bootstrapServers,
                topic,
                maxBodyBytes,
                maxInFlightEvents,
                threads,
                producerOverrides);
    }

    /** Collects options; {@link #build()} validates them all at once. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String bootstrapServers;
        private String topic = DEFAULT_TOPIC;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxInFlightEvents = DEFAULT_MAX_IN_FLIGHT_EVENTS;
        private int threads = DEFAULT_THREADS;
        private final Map<String, String> producerOverrides = new TreeMap<>();

        private Builder() {}

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder maxInFlightEvents(int maxInFlightEvents) {
            this.maxInFlightEvents = maxInFlightEvents;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Sets one Kafka producer setting over the gateway's defaults. */
        public Builder producerOverride(String key, String value) {
            Objects.requireNonNull(key, "producer override key");
            Objects.requireNonNull(value, () -> "value of producer override " + key);
            producerOverrides.put(key, value);
            return this;
        }

        /** Replaces all producer overrides. */
        public Builder producerOverrides(Map<String, String> overrides) {
            producerOverrides.clear();
            overrides.forEach(this::producerOverride);
            return this;
        }

        /**
         * Validates every option and returns the options.
         *
         * @throws IllegalArgumentException naming each invalid option, its value and what was
         *     expected
         */
        public GatewayOptions build() {
            List<String> problems = new ArrayList<>();
            if (host == null || host.isBlank()) {
                problems.add(
                        "host: expected a host name or IP address to listen on, got '"
                                + host
                                + "'");
            }
            if (port < 0 || port > 65535) {
                problems.add("port: expected 0..65535 (0 picks a free port), got " + port);
            }
            checkBootstrapServers(problems);
            if (topic == null
                    || !TOPIC_NAME.matcher(topic).matches()
                    || topic.equals(".")
                    || topic.equals("..")) {
                problems.add(
                        "topic: expected a Kafka topic name (1..249 of [a-zA-Z0-9._-]), got '"
                                + topic
                                + "'");
            }
            if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_LIMIT) {
                problems.add(
                        "maxBodyBytes: expected 1.."
                                + MAX_BODY_BYTES_LIMIT
                                + ", got "
                                + maxBodyBytes);
            }
            if (maxInFlightEvents < 1) {
                problems.add("maxInFlightEvents: expected at least 1, got " + maxInFlightEvents);
            }
            if (threads < 1) {
                problems.add("threads: expected at least 1, got " + threads);
            }
            checkProducerOverrides(problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(
                        "invalid gateway options: " + String.join("; ", problems));
            }
            return new GatewayOptions(this);
        }

        private void checkBootstrapServers(List<String> problems) {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                problems.add("bootstrapServers: required (host:port[,host:port...]), got none");
                return;
            }
            for (String server : bootstrapServers.split(",", -1)) {
                if (!BOOTSTRAP_SERVER.matcher(server.trim()).matches()) {
                    problems.add(
                            "bootstrapServers: expected host:port[,host:port...], got '"
                                    + bootstrapServers
                                    + "' (bad entry '"
                                    + server
                                    + "')");
                    return;
                }
            }
        }

        private void checkProducerOverrides(List<String> problems) {
            Set<String> known = ProducerConfig.configNames();
            producerOverrides.forEach(
                    (key, value) -> {
                        if (RESERVED_PRODUCER_SETTINGS.contains(key)) {
                            problems.add(
                                    "producerOverrides: "
                                            + key
                                            + " is set by the gateway itself and cannot be overridden");
                        } else if (!known.contains(key)) {
                            problems.add(
                                    "producerOverrides: unknown Kafka producer setting '"
                                            + key
                                            + "'");
                        }
                        String required = REQUIRED_PRODUCER_SETTINGS.get(key);
                        if (required != null && !required.equals(normalise(key, value))) {
                            problems.add(
                                    "producerOverrides: "
                                            + key
                                            + "="
                                            + value
                                            + " would let the gateway answer 202 for an event that"
                                            + " is not safely on every replica; expected "
                                            + required);
                        }
                    });
        }

        private static String normalise(String key, String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            return key.equals(ProducerConfig.ACKS_CONFIG) && v.equals("-1") ? "all" : v;
        }
    }
}
