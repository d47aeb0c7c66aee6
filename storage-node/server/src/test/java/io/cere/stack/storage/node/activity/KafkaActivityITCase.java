package io.cere.stack.storage.node.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.schemas.activity.ActivitySignature;
import io.cere.stack.schemas.avro.ActivityOperation;
import io.cere.stack.schemas.avro.ActivityRecord;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.servers.FreePorts;
import io.cere.stack.servers.KafkaBroker;
import io.cere.stack.storage.node.S3Mount;
import io.cere.stack.storage.node.StorageNode;
import io.cere.stack.storage.node.testutils.SoloNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's activity on a real Kafka broker: every PUT and GET served, signed, keyed by node. */
class KafkaActivityITCase {

    @TempDir static Path dir;
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker =
                KafkaBroker.builder()
                        .dataDir(dir.resolve("kafka"))
                        .port(FreePorts.pick())
                        .controllerPort(FreePorts.pick())
                        .build()
                        .start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("activity", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void putAndGetServedBecomeSignedRecordsOnTheActivityTopic() throws Exception {
        Path data = dir.resolve("node");
        java.nio.file.Files.createDirectories(data);
        Ed25519.KeyPair key = NodeKey.loadOrCreate(data);
        String cid;
        try (ActivityRecorder recorder =
                new ActivityRecorder(
                        SoloNode.ID,
                        key,
                        new KafkaActivityLog(
                                broker.bootstrapServers(),
                                "activity",
                                new LocalActivityLog(data.resolve("activity.log"))),
                        Clock.systemUTC())) {
            StorageNode node =
                    StorageNode.start(
                            SoloNode.settings("activity test cluster", data),
                            S3Mount.none(recorder));
            try {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> put =
                        http.send(
                                HttpRequest.newBuilder(node.uri().resolve("/cas/photos"))
                                        .PUT(HttpRequest.BodyPublishers.ofString("hello world"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(put.statusCode()).isEqualTo(201);
                cid = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
                assertThat(put.body()).contains(cid);
                HttpResponse<String> get =
                        http.send(
                                HttpRequest.newBuilder(node.uri().resolve("/cas/photos/" + cid))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(get.body()).isEqualTo("hello world");
            } finally {
                node.close();
            }
        }

        List<ActivityRecord> records = readActivity(2);
        // A request's record is reported once its answer is sent, so the GET's, whose request
        // followed the PUT's answer, may be on the topic first.
        assertThat(records)
                .extracting(ActivityRecord::getOperation)
                .containsExactlyInAnyOrder(ActivityOperation.PUT, ActivityOperation.GET);
        assertThat(records)
                .allSatisfy(
                        r -> {
                            assertThat(ActivitySignature.verify(r)).isTrue();
                            assertThat(r.getNodeKey()).isEqualTo(key.publicKeyHex());
                            assertThat(r.getCid()).isEqualTo(cid);
                            assertThat(r.getBucket()).isEqualTo("photos");
                            assertThat(r.getBytes()).isEqualTo(11);
                        });
        assertThat(data.resolve("activity.log")).isEmptyFile();
    }

    private static List<ActivityRecord> readActivity(int expected) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("group.id", "activity-reader");
        props.put("auto.offset.reset", "earliest");
        List<ActivityRecord> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("activity"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(SoloNode.ID);
                    records.add(ActivityRecord.fromByteBuffer(ByteBuffer.wrap(r.value())));
                }
            }
        }
        return records;
    }
}
