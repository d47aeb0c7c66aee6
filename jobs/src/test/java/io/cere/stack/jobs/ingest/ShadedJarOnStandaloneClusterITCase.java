package io.cere.stack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.functions.testutils.TestEnvelopes;
import io.cere.stack.jobs.testutils.KafkaTestTopics;
import io.cere.stack.jobs.testutils.StandaloneFlinkCluster;
import io.cere.stack.schemas.avro.EnrichedEvent;
import io.cere.stack.servers.FreePorts;
import io.cere.stack.servers.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar, submitted with {@code flink run -c} to a real standalone Flink 1.20 cluster
 * whose class path holds Flink alone: everything the job needs beyond Flink must be in the jar.
 */
class ShadedJarOnStandaloneClusterITCase {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir Path dir;

    private static Path shadedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-flink-job.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "no target/*-flink-job.jar: run this test with Maven (after package)"));
        }
    }

    @Test
    void runsIngestJobFromShadedJarSubmittedWithFlinkRun() throws Exception {
        try (KafkaBroker broker =
                        KafkaBroker.builder()
                                .dataDir(dir.resolve("kafka"))
                                .port(FreePorts.pick())
                                .controllerPort(FreePorts.pick())
                                .build()
                                .start();
                StandaloneFlinkCluster flink =
                        StandaloneFlinkCluster.start(
                                Files.createDirectories(dir.resolve("flink")), 2)) {
            KafkaTestTopics kafka = new KafkaTestTopics(broker.bootstrapServers());
            kafka.create(Map.of("events.raw", 2, "events.valid", 2, "events.rejected", 1));

            String jobId =
                    flink.runDetached(
                            IngestJob.class.getName(),
                            shadedJar(),
                            "--" + IngestOptions.BOOTSTRAP_SERVERS.key(),
                            broker.bootstrapServers());

            TestEnvelopes envelopes = new TestEnvelopes(31);
            ObjectNode good = envelopes.sign(envelopes.single("shop", "purchase", Instant.now()));
            ObjectNode bad = envelopes.sign(envelopes.single("shop", "purchase", Instant.now()));
            bad.put("type", "refund");
            kafka.send(
                    List.of(
                            new ProducerRecord<>("events.raw", TestEnvelopes.bytes(good)),
                            new ProducerRecord<>("events.raw", TestEnvelopes.bytes(bad))));

            var valid = kafka.readUntil("events.valid", r -> !r.isEmpty(), DEADLINE);
            var rejected = kafka.readUntil("events.rejected", r -> !r.isEmpty(), DEADLINE);
            String job = flink.get("/jobs/" + jobId);
            flink.cancel(jobId);

            EnrichedEvent event = EnrichedEvent.getDecoder().decode(valid.get(0).value());
            assertThat(event.getId()).isEqualTo(good.get("id").textValue());
            assertThat(event.getExecutionId()).startsWith(jobId + "/");
            assertThat(new ObjectMapper().readTree(rejected.get(0).value()).get("reason").asText())
                    .isEqualTo("BAD_SIGNATURE");
            assertThat(new String(rejected.get(0).key(), StandardCharsets.UTF_8))
                    .isEqualTo(bad.get("id").textValue());
            assertThat(job).contains("\"name\":\"IngestJob\"").contains("\"state\":\"RUNNING\"");
        }
    }
}
