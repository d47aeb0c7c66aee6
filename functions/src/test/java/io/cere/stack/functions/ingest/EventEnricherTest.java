package io.cere.stack.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.schemas.avro.EnrichedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EventEnricherTest {

    private static final Instant INGESTED = Instant.parse("2026-11-21T08:00:01Z");

    private static VerifiedEvent verified(boolean batch) {
        VerifiedEvent v = new VerifiedEvent();
        v.id = "7c0a2f3e-0000-4000-8000-000000000001";
        v.appId = "shop";
        v.accountId = "ab".repeat(32);
        v.type = "purchase";
        v.timestamp = "2026-11-21T08:00:00Z";
        v.eventTime = Instant.parse(v.timestamp).toEpochMilli();
        v.payload = "{\"n\":1}";
        v.signature = "cd".repeat(64);
        v.receivedAt = INGESTED.toEpochMilli() - 500;
        v.clientIp = "10.0.0.7";
        v.topic = "events.raw";
        v.partition = 3;
        v.offset = 99;
        if (batch) {
            v.batchMode = true;
            v.batchId = "b";
            v.batchPosition = 4;
        }
        return v;
    }

    private static EnrichedEvent enrich(VerifiedEvent v) throws Exception {
        try (var harness =
                new OneInputStreamOperatorTestHarness<>(
                        new StreamMap<>(
                                new EventEnricher(Clock.fixed(INGESTED, ZoneOffset.UTC))))) {
            harness.open();
            harness.processElement(v, 0);
            return harness.extractOutputValues().get(0);
        }
    }

    @Test
    void carriesEventFieldsAndAddsIngestTimeAndExecution() throws Exception {
        EnrichedEvent e = enrich(verified(false));

        assertThat(e.getId()).isEqualTo("7c0a2f3e-0000-4000-8000-000000000001");
        assertThat(e.getAppId()).isEqualTo("shop");
        assertThat(e.getType()).isEqualTo("purchase");
        assertThat(e.getPayload()).isEqualTo("{\"n\":1}");
        assertThat(e.getEventTime()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(e.getReceivedAt()).isEqualTo(INGESTED.minusMillis(500));
        assertThat(e.getIngestedAt()).isEqualTo(INGESTED);
        assertThat(e.getClientIp()).isEqualTo("10.0.0.7");
        assertThat(e.getExecutionId()).matches("[0-9a-f]{32}/0");
        assertThat(e.getBatchMode()).isFalse();
        assertThat(e.getBatchId()).isNull();
        assertThat(e.getBatchPosition()).isNull();
        assertThat(e.getSource().getPartition()).isEqualTo(3);
        assertThat(e.getSource().getOffset()).isEqualTo(99L);
        assertThat(EventEnricher.key(e)).isEqualTo("shop-" + "ab".repeat(32));
    }

    @Test
    void keepsBatchIdAndPosition() throws Exception {
        EnrichedEvent e = enrich(verified(true));

        assertThat(e.getBatchMode()).isTrue();
        assertThat(e.getBatchId()).isEqualTo("b");
        assertThat(e.getBatchPosition()).isEqualTo(4);
    }
}
