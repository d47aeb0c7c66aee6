package io.cere.stack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.functions.ingest.RawEnvelope;
import io.cere.stack.functions.ingest.RejectReason;
import io.cere.stack.functions.ingest.Rejection;
import io.cere.stack.functions.ingest.RoutedEvent;
import io.cere.stack.functions.testutils.TestEnvelopes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole IngestJob topology on a MiniCluster at parallelism 2, fed from memory. */
class IngestTopologyITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path dir;

    @Test
    void acceptsRoutesRejectsAndDropsReplaysAtParallelismTwo() throws Exception {
        Instant now = Instant.now();
        TestEnvelopes envelopes = new TestEnvelopes(1);
        List<RawEnvelope> input = new ArrayList<>();
        List<String> expectedValid = new ArrayList<>();
        List<String> purchases = new ArrayList<>();

        for (int i = 0; i < 20; i++) {
            ObjectNode env =
                    envelopes.sign(envelopes.single("shop", i % 2 == 0 ? "purchase" : "view", now));
            input.add(envelopes.raw(env, now));
            expectedValid.add(env.get("id").textValue());
            if (i % 2 == 0) {
                purchases.add(env.get("id").textValue());
            }
        }
        for (int b = 0; b < 2; b++) {
            ObjectNode batch = envelopes.sign(envelopes.batch("game", 10, now));
            input.add(envelopes.raw(batch, now));
            batch.get("events").forEach(e -> expectedValid.add(e.get("id").textValue()));
        }
        input.add(input.get(0)); // a replay of the first event

        ObjectNode tampered = envelopes.sign(envelopes.single("shop", "view", now));
        ((ObjectNode) tampered.get("payload")).put("n", -1);
        input.add(envelopes.raw(tampered, now));
        input.add(
                envelopes.raw(
                        new TestEnvelopes(2).sign(envelopes.single("shop", "view", now)), now));
        input.add(envelopes.raw("not json".getBytes(StandardCharsets.UTF_8), now));
        input.add(
                envelopes.raw(
                        envelopes.sign(envelopes.single("shop", "view", now.plusSeconds(3600))),
                        now));

        Path routes = dir.resolve("routes.json");
        Files.writeString(
                routes,
                "{\"routes\": [{\"appId\": \"shop\", \"type\": \"purchase\", \"topic\": \"events.purchases\"}]}");
        Map<String, String> options = new HashMap<>();
        options.put(IngestOptions.BOOTSTRAP_SERVERS.key(), "unused:9092");
        options.put(IngestOptions.ROUTING_RULES.key(), routes.toString());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.getConfig().disableGenericTypes();
        IngestJob.Streams streams =
                IngestJob.buildTopology(
                        env.fromData(input, TypeInformation.of(RawEnvelope.class)),
                        IngestOptions.fromMap(options));
        CloseableIterator<RoutedEvent> routed = streams.routed().collectAsync();
        CloseableIterator<Rejection> rejected = streams.rejected().collectAsync();
        env.executeAsync("ingest topology");

        Map<String, List<String>> byTopic = new HashMap<>();
        routed.forEachRemaining(
                r -> byTopic.computeIfAbsent(r.topic, t -> new ArrayList<>()).add(r.event.getId()));
        List<RejectReason> reasons = new ArrayList<>();
        rejected.forEachRemaining(r -> reasons.add(r.reason));

        assertThat(byTopic.get("events.valid")).containsExactlyInAnyOrderElementsOf(expectedValid);
        assertThat(byTopic.get("events.purchases")).containsExactlyInAnyOrderElementsOf(purchases);
        assertThat(byTopic).containsOnlyKeys("events.valid", "events.purchases");
        assertThat(reasons)
                .containsExactlyInAnyOrder(
                        RejectReason.BAD_SIGNATURE,
                        RejectReason.BAD_SIGNATURE,
                        RejectReason.MALFORMED,
                        RejectReason.CLOCK_SKEW);
    }
}
