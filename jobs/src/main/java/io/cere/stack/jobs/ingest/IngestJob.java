package io.cere.stack.jobs.ingest;

import io.cere.stack.functions.ingest.EnvelopeVerifier;
import io.cere.stack.functions.ingest.EventEnricher;
import io.cere.stack.functions.ingest.EventRouter;
import io.cere.stack.functions.ingest.RawEnvelope;
import io.cere.stack.functions.ingest.Rejection;
import io.cere.stack.functions.ingest.ReplayFilter;
import io.cere.stack.functions.ingest.RoutedEvent;
import io.cere.stack.functions.ingest.VerifiedEvent;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IngestJob: reads signed envelopes from {@code events.raw}, verifies, de-duplicates, enriches and
 * routes them to {@code events.valid} (and routed topics), and sends everything it refuses to
 * {@code events.rejected} with a reason.
 *
 * <p>Submit with {@code flink run -c io.cere.stack.jobs.ingest.IngestJob cere-jobs-*-flink-job.jar
 * --cere.kafka.bootstrap-servers host:9092}; see {@link IngestOptions} for every option.
 */
public final class IngestJob {

    public static final String NAME = "IngestJob";

    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    private IngestJob() {}

    /** What the topology produces: events for their topics, and refused envelopes. */
    public record Streams(DataStream<RoutedEvent> routed, DataStream<Rejection> rejected) {}

    /**
     * The job's logic between its source and sinks, so tests can drive it from in-memory sources
     * and collect what it emits.
     */
    public static Streams buildTopology(DataStream<RawEnvelope> raw, IngestOptions options) {
        SingleOutputStreamOperator<VerifiedEvent> verified =
                raw.process(
                                new EnvelopeVerifier(
                                        options.maxClockSkew(), options.maxEnvelopeBytes()))
                        .uid("ingest-verify")
                        .name("Verify signatures");
        return new Streams(
                acceptVerified(verified, options),
                verified.getSideOutput(EnvelopeVerifier.REJECTED));
    }

    /** The part of the topology after verification: drop replays, enrich, route. */
    public static DataStream<RoutedEvent> acceptVerified(
            DataStream<VerifiedEvent> verified, IngestOptions options) {
        return verified.keyBy(VerifiedEvent::replayKey)
                .filter(new ReplayFilter(options.replayWindow()))
                .uid("ingest-drop-replays")
                .name("Drop replays")
                .map(new EventEnricher())
                .uid("ingest-enrich")
                .name("Enrich")
                .flatMap(new EventRouter(options.validTopic(), options.routingRules()))
                .uid("ingest-route")
                .name("Route");
    }

    /** Adds the job with its real Kafka source and exactly-once sinks to {@code env}. */
    public static void addTo(StreamExecutionEnvironment env, IngestOptions options) {
        configure(env, options);
        DataStream<RawEnvelope> raw =
                env.fromSource(source(options), WatermarkStrategy.noWatermarks(), "events.raw")
                        .uid("ingest-source")
                        .name("Read " + options.rawTopic());
        Streams streams = buildTopology(raw, options);
        streams.routed()
                .sinkTo(validSink(options))
                .uid("ingest-valid-sink")
                .name("Write " + options.validTopic() + " and routed topics");
        streams.rejected()
                .sinkTo(rejectedSink(options))
                .uid("ingest-rejected-sink")
                .name("Write " + options.rejectedTopic());
    }

    /**
     * Turns on exactly-once checkpointing unless the Flink configuration already did, and object
     * reuse: every function here emits new objects and keeps no reference to its input.
     */
    public static void configure(StreamExecutionEnvironment env, IngestOptions options) {
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(
                    options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        env.getConfig().enableObjectReuse();
    }

    public static KafkaSource<RawEnvelope> source(IngestOptions options) {
        return KafkaSource.<RawEnvelope>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setTopics(options.rawTopic())
                .setGroupId(options.consumerGroup())
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawEnvelopeDeserializer())
                .setProperty("client.id.prefix", options.consumerGroup())
                .build();
    }

    public static KafkaSink<RoutedEvent> validSink(IngestOptions options) {
        return KafkaSink.<RoutedEvent>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setRecordSerializer(new RoutedEventSerializer())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix() + "-valid")
                .setKafkaProducerConfig(producerProperties(options))
                .build();
    }

    public static KafkaSink<Rejection> rejectedSink(IngestOptions options) {
        return KafkaSink.<Rejection>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setRecordSerializer(new RejectionSerializer(options.rejectedTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix() + "-rejected")
                .setKafkaProducerConfig(producerProperties(options))
                .build();
    }

    private static Properties producerProperties(IngestOptions options) {
        Properties props = new Properties();
        props.setProperty(
                "transaction.timeout.ms", Long.toString(options.transactionTimeout().toMillis()));
        // Batches of up to 256 KiB (the default, 16 KiB, holds ~25 events): fewer, larger produce
        // requests cost the broker and the sink far less per event. Linger stays at 5 ms: at 20 ms
        // the end-to-end latency at 2,000 events/s rose from ~0.4 s to ~5 s (BENCHMARKS.md).
        props.setProperty("linger.ms", "5");
        props.setProperty("batch.size", "262144");
        props.setProperty("compression.type", "none");
        return props;
    }

    public static void main(String[] args) throws Exception {
        IngestOptions options = IngestOptions.fromMap(ParameterTool.fromArgs(args).toMap());
        LOG.info("{}", options);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        addTo(env, options);
        env.execute(NAME);
    }
}
