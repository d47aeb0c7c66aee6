package io.cere.stack.functions.ingest;

import io.cere.stack.schemas.avro.EnrichedEvent;
import io.cere.stack.schemas.avro.SourcePosition;
import java.time.Clock;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Turns a verified, first-seen event into the {@link EnrichedEvent} that goes on {@code
 * events.valid}: adds when it was ingested and which pipeline execution (Flink job id and task
 * attempt) accepted it.
 */
public class EventEnricher extends RichMapFunction<VerifiedEvent, EnrichedEvent> {

    private static final long serialVersionUID = 1L;

    private final Clock clock;
    private transient String executionId;

    public EventEnricher() {
        this(Clock.systemUTC());
    }

    EventEnricher(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        executionId =
                getRuntimeContext().getJobInfo().getJobId()
                        + "/"
                        + getRuntimeContext().getTaskInfo().getAttemptNumber();
    }

    @Override
    public EnrichedEvent map(VerifiedEvent v) {
        return EnrichedEvent.newBuilder()
                .setId(v.id)
                .setAppId(v.appId)
                .setAccountId(v.accountId)
                .setType(v.type)
                .setTimestamp(v.timestamp)
                .setEventTime(Instant.ofEpochMilli(v.eventTime))
                .setPayload(v.payload)
                .setSignature(v.signature)
                .setReceivedAt(Instant.ofEpochMilli(v.receivedAt))
                .setIngestedAt(clock.instant())
                .setClientIp(v.clientIp)
                .setExecutionId(executionId)
                .setBatchMode(v.batchMode)
                .setBatchId(v.batchId)
                .setBatchPosition(v.batchMode ? v.batchPosition : null)
                .setSource(new SourcePosition(v.topic, v.partition, v.offset))
                .build();
    }

    /** The Kafka key of an enriched event: {@code {appId}-{accountId}}. */
    public static String key(EnrichedEvent e) {
        return e.getAppId() + "-" + e.getAccountId();
    }
}
