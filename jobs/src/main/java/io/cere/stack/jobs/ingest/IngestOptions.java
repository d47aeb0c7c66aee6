package io.cere.stack.jobs.ingest;

import io.cere.stack.functions.ingest.RoutingRules;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Everything IngestJob can be told, as Flink {@link ConfigOption}s: pass them as {@code --key
 * value} program arguments to {@code flink run}, or in the Flink configuration. Built and validated
 * once at start; {@link #toString()} is what the job logs.
 */
public final class IngestOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("cere.kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka bootstrap servers, host:port[,host:port...].");

    public static final ConfigOption<String> RAW_TOPIC =
            ConfigOptions.key("cere.ingest.topic.raw")
                    .stringType()
                    .defaultValue("events.raw")
                    .withDescription("Topic the envelopes are read from.");

    public static final ConfigOption<String> VALID_TOPIC =
            ConfigOptions.key("cere.ingest.topic.valid")
                    .stringType()
                    .defaultValue("events.valid")
                    .withDescription(
                            "Topic every accepted event is written to (Avro EnrichedEvent).");

    public static final ConfigOption<String> REJECTED_TOPIC =
            ConfigOptions.key("cere.ingest.topic.rejected")
                    .stringType()
                    .defaultValue("events.rejected")
                    .withDescription(
                            "Topic refused envelopes are written to, as JSON with a reason.");

    public static final ConfigOption<String> CONSUMER_GROUP =
            ConfigOptions.key("cere.ingest.consumer-group")
                    .stringType()
                    .defaultValue("cere-ingest")
                    .withDescription(
                            "Consumer group; offsets are committed on checkpoints, for monitoring.");

    public static final ConfigOption<Duration> MAX_CLOCK_SKEW =
            ConfigOptions.key("cere.ingest.max-clock-skew")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "How far ahead of its receive time an event's timestamp may be.");

    public static final ConfigOption<Duration> REPLAY_WINDOW =
            ConfigOptions.key("cere.ingest.replay-window")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription(
                            "How long an accepted (appId, id) is remembered to drop replays.");

    public static final ConfigOption<Integer> MAX_ENVELOPE_BYTES =
            ConfigOptions.key("cere.ingest.max-envelope-bytes")
                    .intType()
                    .defaultValue(1024 * 1024)
                    .withDescription("Larger envelopes are rejected as TOO_LARGE.");

    public static final ConfigOption<String> ROUTING_RULES =
            ConfigOptions.key("cere.ingest.routing-rules")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Path of a JSON file of routing rules (appId, type -> extra topic).");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("cere.ingest.transactional-id-prefix")
                    .stringType()
                    .defaultValue("cere-ingest")
                    .withDescription(
                            "Prefix of the Kafka transactional ids of the exactly-once sinks;"
                                    + " unique per job on a cluster.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("cere.ingest.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "Kafka transaction timeout of the sinks; at most the broker's"
                                    + " transaction.max.timeout.ms, and longer than the worst"
                                    + " checkpoint plus restart.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("cere.ingest.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(500))
                    .withDescription(
                            "Checkpoint interval when the Flink configuration sets none. Records"
                                    + " become visible to read_committed consumers when a"
                                    + " checkpoint completes, so this bounds end-to-end latency.");

    /** Options about the job's behaviour, as opposed to where its topics and brokers are. */
    public static final List<ConfigOption<?>> TUNABLE =
            List.of(
                    MAX_CLOCK_SKEW,
                    REPLAY_WINDOW,
                    MAX_ENVELOPE_BYTES,
                    CHECKPOINT_INTERVAL,
                    TRANSACTION_TIMEOUT);

    private final String bootstrapServers;
    private final String rawTopic;
    private final String validTopic;
    private final String rejectedTopic;
    private final String consumerGroup;
    private final Duration maxClockSkew;
    private final Duration replayWindow;
    private final int maxEnvelopeBytes;
    private final RoutingRules routingRules;
    private final String routingRulesFile;
    private final String transactionalIdPrefix;
    private final Duration transactionTimeout;
    private final Duration checkpointInterval;

    private IngestOptions(Configuration conf) {
        List<String> errors = new ArrayList<>();
        this.bootstrapServers = conf.get(BOOTSTRAP_SERVERS);
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            errors.add(BOOTSTRAP_SERVERS.key() + " is required (host:port of a Kafka broker)");
        }
        this.rawTopic = conf.get(RAW_TOPIC);
        this.validTopic = conf.get(VALID_TOPIC);
        this.rejectedTopic = conf.get(REJECTED_TOPIC);
        if (rawTopic.equals(validTopic) || rawTopic.equals(rejectedTopic)) {
            errors.add("the raw topic '" + rawTopic + "' must differ from the output topics");
        }
        this.consumerGroup = conf.get(CONSUMER_GROUP);
        this.maxClockSkew = conf.get(MAX_CLOCK_SKEW);
        if (maxClockSkew.isNegative()) {
            errors.add(MAX_CLOCK_SKEW.key() + " must not be negative, got " + maxClockSkew);
        }
        this.replayWindow = conf.get(REPLAY_WINDOW);
        if (replayWindow.isZero() || replayWindow.isNegative()) {
            errors.add(REPLAY_WINDOW.key() + " must be positive, got " + replayWindow);
        }
        this.maxEnvelopeBytes = conf.get(MAX_ENVELOPE_BYTES);
        if (maxEnvelopeBytes <= 0 || maxEnvelopeBytes > 4 * 1024 * 1024) {
            errors.add(
                    MAX_ENVELOPE_BYTES.key()
                            + " must be between 1 and 4194304 bytes, got "
                            + maxEnvelopeBytes);
        }
        this.routingRulesFile = conf.get(ROUTING_RULES);
        RoutingRules rules = RoutingRules.none();
        if (routingRulesFile != null && !routingRulesFile.isBlank()) {
            Path path = Path.of(routingRulesFile);
            if (!Files.isReadable(path)) {
                errors.add(ROUTING_RULES.key() + ": no readable file at " + path.toAbsolutePath());
            } else {
                try {
                    rules = RoutingRules.load(path);
                } catch (IllegalArgumentException e) {
                    errors.add(e.getMessage());
                }
            }
        }
        this.routingRules = rules;
        this.transactionalIdPrefix = conf.get(TRANSACTIONAL_ID_PREFIX);
        this.transactionTimeout = conf.get(TRANSACTION_TIMEOUT);
        if (transactionTimeout.compareTo(Duration.ofMinutes(15)) > 0
                || transactionTimeout.compareTo(Duration.ofSeconds(10)) < 0) {
            errors.add(
                    TRANSACTION_TIMEOUT.key()
                            + " must be between 10 s and 15 min (the broker's default"
                            + " transaction.max.timeout.ms), got "
                            + transactionTimeout);
        }
        this.checkpointInterval = conf.get(CHECKPOINT_INTERVAL);
        if (checkpointInterval.toMillis() < 10) {
            errors.add(
                    CHECKPOINT_INTERVAL.key()
                            + " must be at least 10 ms, got "
                            + checkpointInterval);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "invalid IngestJob options:\n  - " + String.join("\n  - ", errors));
        }
    }

    public static IngestOptions fromConfiguration(Configuration conf) {
        return new IngestOptions(conf);
    }

    public static IngestOptions fromMap(Map<String, String> options) {
        return new IngestOptions(Configuration.fromMap(options));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String rawTopic() {
        return rawTopic;
    }

    public String validTopic() {
        return validTopic;
    }

    public String rejectedTopic() {
        return rejectedTopic;
    }

    public String consumerGroup() {
        return consumerGroup;
    }

    public Duration maxClockSkew() {
        return maxClockSkew;
    }

    public Duration replayWindow() {
        return replayWindow;
    }

    public int maxEnvelopeBytes() {
        return maxEnvelopeBytes;
    }

    public RoutingRules routingRules() {
        return routingRules;
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    @Override
    public String toString() {
        return "IngestJob options:"
                + "\n  "
                + BOOTSTRAP_SERVERS.key()
                + " = "
                + bootstrapServers
                + "\n  topics = "
                + rawTopic
                + " -> "
                + validTopic
                + " (+ "
                + routingRules.topics().size()
                + " routed), rejected -> "
                + rejectedTopic
                + "\n  "
                + CONSUMER_GROUP.key()
                + " = "
                + consumerGroup
                + "\n  "
                + MAX_CLOCK_SKEW.key()
                + " = "
                + maxClockSkew
                + "\n  "
                + REPLAY_WINDOW.key()
                + " = "
                + replayWindow
                + "\n  "
                + MAX_ENVELOPE_BYTES.key()
                + " = "
                + maxEnvelopeBytes
                + "\n  "
                + ROUTING_RULES.key()
                + " = "
                + (routingRulesFile == null ? "(none)" : routingRulesFile + " " + routingRules)
                + "\n  "
                + TRANSACTIONAL_ID_PREFIX.key()
                + " = "
                + transactionalIdPrefix
                + "\n  "
                + TRANSACTION_TIMEOUT.key()
                + " = "
                + transactionTimeout
                + "\n  "
                + CHECKPOINT_INTERVAL.key()
                + " = "
                + checkpointInterval;
    }
}
