package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.servers.testutils.Processes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerITCase {

    private static final String TOPIC = "events.raw";
    private static final int RECORDS = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What a JVM or the libraries a broker loads would leave in a temp dir. */
    private static final Pattern TEMP_LEFTOVER =
            Pattern.compile("(?i).*(kafka|zstd|snappy|lz4|netty|jna|cere|hs_err).*");

    @TempDir Path dir;

    @Test
    void keepsAcknowledgedRecordsAcrossKillAndRestartAndLeavesNothingBehind() throws Exception {
        Set<Path> systemTempBefore = systemTempEntries();
        List<String> expected = IntStream.range(0, RECORDS).mapToObj(i -> "value-" + i).toList();
        int[] ports = FreePorts.pick(2);
        long killedPid;
        long lastPid;
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        Path record = run.dir().resolve(KafkaBroker.RUN_NAME + ".pid");
        try (KafkaBroker kafka =
                KafkaBroker.builder()
                        .dataDir(dir.resolve("kafka"))
                        .port(ports[0])
                        .controllerPort(ports[1])
                        .heap("256m")
                        .runDirectory(run)
                        .build()
                        .start()) {
            assertThat(leftInSystemTemp(systemTempBefore, kafka.pid())).isEmpty();
            assertThat(Files.readString(record)).contains("pid=" + kafka.pid());
            createTopic(kafka);
            produce(kafka, expected);
            assertThat(consume(kafka)).containsExactlyElementsOf(expected);
            String clusterId = kafka.clusterId();

            killedPid = kafka.pid();
            kafka.kill();
            assertThat(Processes.isRunning(killedPid))
                    .as("killed broker pid %d", killedPid)
                    .isFalse();

            kafka.restart();
            lastPid = kafka.pid();
            assertThat(lastPid).isNotEqualTo(killedPid);
            assertThat(Files.readString(record)).contains("pid=" + lastPid);
            assertThat(leftInSystemTemp(systemTempBefore, lastPid)).isEmpty();
            assertThat(consume(kafka)).containsExactlyElementsOf(expected);
            assertThat(clusterIdSeenByClients(kafka)).isEqualTo(clusterId);
        }

        assertThat(Processes.isRunning(lastPid)).as("closed broker pid %d", lastPid).isFalse();
        assertThat(ProcessHandle.of(lastPid)).isEmpty();
        assertThat(dir.resolve("kafka/broker.pid")).doesNotExist();
        assertThat(record).doesNotExist();
        assertThat(leftInSystemTemp(systemTempBefore, killedPid, lastPid)).isEmpty();
    }

    @Test
    void createsMissingTopicsAndReturnsOnceEveryPartitionHasALeader() throws Exception {
        int[] ports = FreePorts.pick(2);
        try (KafkaBroker kafka = broker(dir.resolve("kafka"), ports[0], ports[1]).start()) {
            Map<String, Integer> first = new LinkedHashMap<>();
            first.put("a.raw", 3);
            first.put("b.valid", 1);
            assertThat(KafkaTopics.createMissing(kafka.bootstrapServers(), first, TIMEOUT))
                    .containsExactly("a.raw", "b.valid");
            Map<String, Integer> second = new LinkedHashMap<>();
            second.put("a.raw", 3);
            second.put("c.rejected", 4);
            assertThat(KafkaTopics.createMissing(kafka.bootstrapServers(), second, TIMEOUT))
                    .containsExactly("c.rejected");

            try (Admin admin = Admin.create(clientConfig(kafka))) {
                Map<String, TopicDescription> described =
                        admin.describeTopics(List.of("a.raw", "b.valid", "c.rejected"))
                                .allTopicNames()
                                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(described.get("a.raw").partitions()).hasSize(3);
                assertThat(described.get("c.rejected").partitions()).hasSize(4);
                described.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .forEach(p -> assertThat(p.leader()).isNotNull());
            }
            Map<String, Object> config = clientConfig(kafka);
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                for (int partition = 0; partition < 4; partition++) {
                    acks.add(
                            producer.send(new ProducerRecord<>("c.rejected", partition, "k", "v")));
                }
                for (Future<RecordMetadata> ack : acks) {
                    assertThat(ack.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).offset()).isZero();
                }
            }
        }
    }

    @Test
    void topicCreationWithoutABrokerFailsNamingTheTopicsAndTheAddress() throws Exception {
        String nowhere = "127.0.0.1:" + FreePorts.pick();

        assertThatThrownBy(
                        () ->
                                KafkaTopics.createMissing(
                                        nowhere, Map.of("events.raw", 1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[events.raw]")
                .hasMessageContaining(nowhere);
    }

    @Test
    void refusesASecondBrokerOnTheSamePortWithoutStartingIt() throws Exception {
        int[] ports = FreePorts.pick(3);
        try (KafkaBroker first = broker(dir.resolve("first"), ports[0], ports[1]).start()) {
            KafkaBroker second = broker(dir.resolve("second"), ports[0], ports[2]);

            assertThatThrownBy(second::start)
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("127.0.0.1:" + ports[0] + " (client listener")
                    .hasMessageContaining("already in use");
            assertThat(second.isRunning()).isFalse();
            assertThat(dir.resolve("second/broker.log")).doesNotExist();
            assertThat(first.isRunning()).isTrue();
        }
    }

    @Test
    void refusesToStartWhenTheControllerPortIsTaken() throws Exception {
        int clientPort = FreePorts.pick();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            KafkaBroker broker = broker(dir.resolve("kafka"), clientPort, taken.getLocalPort());

            assertThatThrownBy(broker::start)
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining(
                            "127.0.0.1:" + taken.getLocalPort() + " (controller listener")
                    .hasMessageContaining("already in use");
            assertThat(dir.resolve("kafka/broker.log")).doesNotExist();
        }
    }

    private static KafkaBroker broker(Path dataDir, int port, int controllerPort) {
        return KafkaBroker.builder()
                .dataDir(dataDir)
                .port(port)
                .controllerPort(controllerPort)
                .heap("256m")
                .build();
    }

    private static void createTopic(KafkaBroker kafka) throws Exception {
        try (Admin admin = Admin.create(clientConfig(kafka))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
                    .all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static String clusterIdSeenByClients(KafkaBroker kafka) throws Exception {
        try (Admin admin = Admin.create(clientConfig(kafka))) {
            return admin.describeCluster().clusterId().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static void produce(KafkaBroker kafka, List<String> values) throws Exception {
        Map<String, Object> config = clientConfig(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                acks.add(producer.send(new ProducerRecord<>(TOPIC, "key-" + i, values.get(i))));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** Everything in the topic's only partition, read from the start without a consumer group. */
    private static List<String> consume(KafkaBroker kafka) {
        Map<String, Object> config = clientConfig(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (values.size() < RECORDS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static Map<String, Object> clientConfig(KafkaBroker kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return config;
    }

    /** The system temp dir (not this JVM's java.io.tmpdir, which the build points elsewhere). */
    private static Path systemTemp() {
        return Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp"));
    }

    private static Set<Path> systemTempEntries() throws IOException {
        Set<Path> entries = new HashSet<>();
        Path perfData = systemTemp().resolve("hsperfdata_" + System.getProperty("user.name"));
        for (Path d : List.of(systemTemp(), perfData)) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> list = Files.list(d)) {
                    list.forEach(entries::add);
                }
            }
        }
        return entries;
    }

    /**
     * New entries in the system temp dir that came from the brokers: a JVM's perf data file named
     * by its pid, or a library's extracted native code. Other builds on this machine add entries of
     * their own meanwhile, so only these count. Checked while a broker runs too: every JVM deletes
     * the perf data files of dead ones when it starts.
     */
    private static List<Path> leftInSystemTemp(Set<Path> before, long... pids) throws IOException {
        Set<String> pidNames = new HashSet<>();
        for (long pid : pids) {
            pidNames.add(Long.toString(pid));
        }
        return systemTempEntries().stream()
                .filter(p -> !before.contains(p))
                .filter(
                        p -> {
                            String name = p.getFileName().toString();
                            return pidNames.contains(name) || TEMP_LEFTOVER.matcher(name).matches();
                        })
                .toList();
    }
}
