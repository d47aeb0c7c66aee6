package io.cere.stack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.functions.ingest.RawEnvelope;
import io.cere.stack.functions.testutils.TestEnvelopes;
import io.cere.stack.jobs.checkpoints.RetainedCheckpoints;
import io.cere.stack.jobs.testutils.KafkaTestTopics;
import io.cere.stack.schemas.avro.EnrichedEvent;
import io.cere.stack.schemas.envelope.RawEventHeaders;
import io.cere.stack.servers.FreePorts;
import io.cere.stack.servers.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** IngestJob against a real Kafka broker (its own JVM) on a MiniCluster at parallelism 2. */
class IngestJobITCase {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path kafkaDir;

    private static KafkaBroker broker;
    private static KafkaTestTopics kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        broker =
                KafkaBroker.builder()
                        .dataDir(kafkaDir)
                        .port(FreePorts.pick())
                        .controllerPort(FreePorts.pick())
                        .build()
                        .start();
        kafka = new KafkaTestTopics(broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    /** Topic names of one test, so tests never see each other's records. */
    private record Topics(String raw, String valid, String rejected) {
        static Topics of(TestInfo test) {
            String prefix = test.getTestMethod().orElseThrow().getName() + ".";
            return new Topics(prefix + "raw", prefix + "valid", prefix + "rejected");
        }
    }

    private static IngestOptions options(Topics topics) {
        Map<String, String> options = new HashMap<>();
        options.put(IngestOptions.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers());
        options.put(IngestOptions.RAW_TOPIC.key(), topics.raw);
        options.put(IngestOptions.VALID_TOPIC.key(), topics.valid);
        options.put(IngestOptions.REJECTED_TOPIC.key(), topics.rejected);
        options.put(IngestOptions.CONSUMER_GROUP.key(), topics.raw + ".group");
        options.put(IngestOptions.TRANSACTIONAL_ID_PREFIX.key(), topics.raw + ".tx");
        options.put(IngestOptions.CHECKPOINT_INTERVAL.key(), "300 ms");
        return IngestOptions.fromMap(options);
    }

    private static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(conf, IngestJobITCase.class.getClassLoader());
        env.setParallelism(2);
        env.getConfig().disableGenericTypes();
        return env;
    }

    private static ProducerRecord<byte[], byte[]> raw(
            String topic, int partition, String key, byte[] value) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value);
        record.headers()
                .add(RawEventHeaders.CLIENT_IP, "192.0.2.10".getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(
                        RawEventHeaders.RECEIVED_AT,
                        RawEventHeaders.receivedAt(System.currentTimeMillis()));
        return record;
    }

    private static EnrichedEvent decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return EnrichedEvent.getDecoder().decode(record.value());
        } catch (Exception e) {
            throw new AssertionError("not an EnrichedEvent record at offset " + record.offset(), e);
        }
    }

    private static Set<String> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> decode(r).getId()).collect(Collectors.toSet());
    }

    @Test
    void verifiesEnrichesRejectsAndDropsReplays(TestInfo test) throws Exception {
        Topics topics = Topics.of(test);
        kafka.create(Map.of(topics.raw, 1, topics.valid, 2, topics.rejected, 1));
        StreamExecutionEnvironment env = environment();
        IngestJob.addTo(env, options(topics));
        JobClient job = env.executeAsync("ingest");

        TestEnvelopes envelopes = new TestEnvelopes(11);
        Instant now = Instant.now();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        List<ObjectNode> singles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode single = envelopes.sign(envelopes.single("shop", "purchase", now));
            singles.add(single);
            expected.add(single.get("id").textValue());
            records.add(
                    raw(topics.raw, 0, single.get("id").textValue(), TestEnvelopes.bytes(single)));
        }
        ObjectNode first = singles.get(0);
        ObjectNode batch = envelopes.sign(envelopes.batch("shop", 10, now));
        batch.get("events").forEach(e -> expected.add(e.get("id").textValue()));
        records.add(raw(topics.raw, 0, batch.get("id").textValue(), TestEnvelopes.bytes(batch)));

        ObjectNode tampered = envelopes.sign(envelopes.single("shop", "purchase", now));
        ((ObjectNode) tampered.get("payload")).put("n", 99_999);
        ObjectNode wrongKey = new TestEnvelopes(12).sign(envelopes.single("shop", "purchase", now));
        ObjectNode future =
                envelopes.sign(envelopes.single("shop", "purchase", now.plus(Duration.ofHours(1))));
        records.add(raw(topics.raw, 0, "tampered", TestEnvelopes.bytes(tampered)));
        records.add(raw(topics.raw, 0, "wrong-key", TestEnvelopes.bytes(wrongKey)));
        records.add(
                raw(
                        topics.raw,
                        0,
                        "malformed",
                        "{\"id\": \"x\",".getBytes(StandardCharsets.UTF_8)));
        records.add(raw(topics.raw, 0, "future", TestEnvelopes.bytes(future)));
        // A replay of the first event, then a marker behind it in the same partition: once the
        // marker is visible, the checkpoint that carried it has passed the replay too.
        records.add(raw(topics.raw, 0, "replay", TestEnvelopes.bytes(first)));
        ObjectNode marker = envelopes.sign(envelopes.single("shop", "marker", now));
        expected.add(marker.get("id").textValue());
        records.add(raw(topics.raw, 0, "marker", TestEnvelopes.bytes(marker)));
        kafka.send(records);

        List<ConsumerRecord<byte[], byte[]>> valid =
                kafka.readUntil(
                        topics.valid, r -> ids(r).contains(marker.get("id").textValue()), DEADLINE);
        List<ConsumerRecord<byte[], byte[]>> rejected =
                kafka.readUntil(topics.rejected, r -> r.size() >= 4, DEADLINE);
        job.cancel().get();

        assertThat(valid).hasSize(expected.size());
        assertThat(ids(valid)).isEqualTo(expected);
        EnrichedEvent firstOut =
                valid.stream()
                        .map(IngestJobITCase::decode)
                        .filter(e -> e.getId().equals(first.get("id").textValue()))
                        .findFirst()
                        .orElseThrow();
        assertThat(firstOut.getClientIp()).isEqualTo("192.0.2.10");
        assertThat(firstOut.getExecutionId()).startsWith(job.getJobID().toString() + "/");
        assertThat(firstOut.getSignature()).isEqualTo(first.get("signature").textValue());
        assertThat(new String(valid.get(0).key(), StandardCharsets.UTF_8))
                .isEqualTo("shop-" + envelopes.accountId());
        List<EnrichedEvent> batchOut =
                valid.stream()
                        .map(IngestJobITCase::decode)
                        .filter(EnrichedEvent::getBatchMode)
                        .toList();
        assertThat(batchOut)
                .hasSize(10)
                .allSatisfy(e -> assertThat(e.getBatchId()).isEqualTo(batch.get("id").textValue()));

        Map<String, String> reasonByKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : rejected) {
            JsonNode json = JSON.readTree(r.value());
            reasonByKey.put(
                    json.get("reason").asText() + ":" + json.path("eventId").asText(null),
                    json.get("original").asText());
        }
        assertThat(reasonByKey)
                .containsKeys(
                        "BAD_SIGNATURE:" + tampered.get("id").textValue(),
                        "BAD_SIGNATURE:" + wrongKey.get("id").textValue(),
                        "MALFORMED:null",
                        "CLOCK_SKEW:" + future.get("id").textValue());
        assertThat(reasonByKey.get("MALFORMED:null")).isEqualTo("{\"id\": \"x\",");
    }

    /** Fails its subtask once, after a checkpoint has completed and some records went through. */
    static class FailOnceAfterCheckpoint extends RichMapFunction<RawEnvelope, RawEnvelope>
            implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private final int after;
        private transient int seen;
        private transient boolean checkpointed;

        FailOnceAfterCheckpoint(int after) {
            this.after = after;
        }

        @Override
        public RawEnvelope map(RawEnvelope value) {
            if (++seen >= after && checkpointed && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after " + seen + " records");
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }

    @Test
    void restartFromCheckpointMidStreamLosesAndDuplicatesNothing(TestInfo test) throws Exception {
        Topics topics = Topics.of(test);
        kafka.create(Map.of(topics.raw, 2, topics.valid, 2, topics.rejected, 1));
        TestEnvelopes envelopes = new TestEnvelopes(21);
        Instant now = Instant.now();
        Set<String> expected = new HashSet<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            ObjectNode e = envelopes.sign(envelopes.single("app" + (i % 7), "t", now));
            expected.add(e.get("id").textValue());
            records.add(raw(topics.raw, i % 2, e.get("id").textValue(), TestEnvelopes.bytes(e)));
        }
        for (int i = 0; i < 20; i++) {
            ObjectNode b = envelopes.sign(envelopes.batch("batchapp", 100, now));
            b.get("events").forEach(e -> expected.add(e.get("id").textValue()));
            records.add(raw(topics.raw, i % 2, b.get("id").textValue(), TestEnvelopes.bytes(b)));
        }
        kafka.send(records);

        IngestOptions options = options(topics);
        StreamExecutionEnvironment env = environment();
        IngestJob.configure(env, options);
        FailOnceAfterCheckpoint.FAILED.set(false);
        DataStream<RawEnvelope> raw =
                env.fromSource(IngestJob.source(options), WatermarkStrategy.noWatermarks(), "raw")
                        .uid("ingest-source")
                        .map(new FailOnceAfterCheckpoint(500))
                        .uid("fail-once");
        IngestJob.Streams streams = IngestJob.buildTopology(raw, options);
        streams.routed().sinkTo(IngestJob.validSink(options)).uid("valid-sink");
        streams.rejected().sinkTo(IngestJob.rejectedSink(options)).uid("rejected-sink");
        JobClient job = env.executeAsync("ingest-with-failure");

        kafka.readUntil(topics.valid, r -> r.size() >= expected.size(), DEADLINE);
        assertThat(FailOnceAfterCheckpoint.FAILED).as("the injected failure happened").isTrue();
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        job.cancel().get();

        List<ConsumerRecord<byte[], byte[]>> valid = kafka.readAll(topics.valid, DEADLINE);
        List<String> ids = valid.stream().map(r -> decode(r).getId()).toList();
        assertThat(ids).hasSize(expected.size()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
        assertThat(kafka.readAll(topics.rejected, DEADLINE)).isEmpty();
    }

    @Test
    void resumesFromRetainedCheckpointAfterStopLosingAndDuplicatingNothing(
            TestInfo test, @TempDir Path checkpoints) throws Exception {
        Topics topics = Topics.of(test);
        kafka.create(Map.of(topics.raw, 2, topics.valid, 2, topics.rejected, 1));
        IngestOptions options = options(topics);
        TestEnvelopes envelopes = new TestEnvelopes(41);
        Instant now = Instant.now();
        List<ObjectNode> before = new ArrayList<>();
        List<ObjectNode> after = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            before.add(envelopes.sign(envelopes.single("shop", "t", now)));
            after.add(envelopes.sign(envelopes.single("shop", "t", now)));
        }
        kafka.send(toRaw(topics.raw, before));

        // First run, as bin/cere local runs it: checkpoints retained when the job stops.
        Configuration retain = new Configuration();
        retain.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        retain.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        StreamExecutionEnvironment first = environment();
        first.configure(retain, getClass().getClassLoader());
        IngestJob.addTo(first, options);
        JobClient firstJob = first.executeAsync("ingest-before-stop");
        kafka.readUntil(topics.valid, r -> r.size() >= before.size(), DEADLINE);
        firstJob.cancel().get();
        awaitTermination(firstJob);

        // While stopped: new events, and a replay of one accepted before the stop, which only the
        // restored replay state can recognise.
        List<ObjectNode> sentAfterStop = new ArrayList<>(after);
        sentAfterStop.add(before.get(0));
        kafka.send(toRaw(topics.raw, sentAfterStop));

        Path resumeFrom = RetainedCheckpoints.latest(checkpoints).orElseThrow();
        Configuration resume = new Configuration(retain);
        resume.set(SavepointConfigOptions.SAVEPOINT_PATH, resumeFrom.toUri().toString());
        StreamExecutionEnvironment second = environment();
        second.configure(resume, getClass().getClassLoader());
        IngestJob.addTo(second, options);
        JobClient secondJob = second.executeAsync("ingest-after-restart");
        kafka.readUntil(topics.valid, r -> r.size() >= before.size() + after.size(), DEADLINE);
        secondJob.cancel().get();
        awaitTermination(secondJob);

        Set<String> expected = new HashSet<>();
        before.forEach(e -> expected.add(e.get("id").textValue()));
        after.forEach(e -> expected.add(e.get("id").textValue()));
        List<String> ids =
                kafka.readAll(topics.valid, DEADLINE).stream().map(r -> decode(r).getId()).toList();
        assertThat(ids).hasSize(expected.size()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
    }

    private static List<ProducerRecord<byte[], byte[]>> toRaw(
            String topic, List<ObjectNode> envelopes) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            ObjectNode e = envelopes.get(i);
            records.add(raw(topic, i % 2, e.get("id").textValue(), TestEnvelopes.bytes(e)));
        }
        return records;
    }

    private static void awaitTermination(JobClient job) throws Exception {
        try {
            job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException cancelled) {
            // A cancelled job ends with an exception; what matters here is that it ended.
        }
    }
}
