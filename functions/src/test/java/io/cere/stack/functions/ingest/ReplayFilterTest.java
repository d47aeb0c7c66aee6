package io.cere.stack.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.StreamFilter;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplayFilterTest {

    private static final Duration WINDOW = Duration.ofHours(24);

    private KeyedOneInputStreamOperatorTestHarness<ReplayKey, VerifiedEvent, VerifiedEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<ReplayKey, VerifiedEvent, VerifiedEvent>
            newHarness() throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new StreamFilter<>(new ReplayFilter(WINDOW)),
                        VerifiedEvent::replayKey,
                        TypeInformation.of(ReplayKey.class));
        harness.setStateTtlProcessingTime(0);
        return harness;
    }

    private static VerifiedEvent event(String appId, String id) {
        VerifiedEvent e = new VerifiedEvent();
        e.appId = appId;
        e.id = id;
        return e;
    }

    @Test
    void dropsReplayOfAcceptedEventWithinWindow() throws Exception {
        harness.processElement(event("shop", "e1"), 0);
        harness.setStateTtlProcessingTime(WINDOW.toMillis() - 1);
        harness.processElement(event("shop", "e1"), 0);

        assertThat(harness.extractOutputValues()).extracting(e -> e.id).containsExactly("e1");
    }

    @Test
    void acceptsSameIdFromAnotherApp() throws Exception {
        harness.processElement(event("shop", "e1"), 0);
        harness.processElement(event("game", "e1"), 0);

        assertThat(harness.extractOutputValues())
                .extracting(e -> e.appId)
                .containsExactly("shop", "game");
    }

    @Test
    void acceptsIdAgainAfterWindowEnds() throws Exception {
        harness.processElement(event("shop", "e1"), 0);
        harness.setStateTtlProcessingTime(WINDOW.toMillis());
        harness.processElement(event("shop", "e1"), 0);

        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void expiredIdsDrainAsNewEventsArrive() throws Exception {
        for (int i = 0; i < 100; i++) {
            harness.processElement(event("shop", "old" + i), 0);
        }
        assertThat(harness.numKeyedStateEntries()).isEqualTo(100);
        assertThat(harness.numProcessingTimeTimers()).as("no timer per id").isZero();

        harness.setStateTtlProcessingTime(WINDOW.toMillis());
        // Each state access checks a few more entries of the table for expiry, so fewer new
        // events than there are expired ids are enough to drain them all.
        int fresh = 0;
        while (harness.numKeyedStateEntries() > fresh && fresh < 100) {
            harness.processElement(event("shop", "new" + fresh++), 0);
        }

        assertThat(harness.numKeyedStateEntries()).isEqualTo(fresh);
        assertThat(fresh).isLessThan(100);
    }

    @Test
    void remembersAcceptedIdsAcrossRestoreFromSnapshot() throws Exception {
        harness.processElement(event("shop", "e1"), 0);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.processElement(event("shop", "e1"), 0);
        harness.processElement(event("shop", "e2"), 0);

        assertThat(harness.extractOutputValues()).extracting(e -> e.id).containsExactly("e2");
    }

    @Test
    void snapshotsLeaveExpiredIdsOut() throws Exception {
        harness.processElement(event("shop", "e1"), 0);
        harness.setStateTtlProcessingTime(WINDOW.toMillis());
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();

        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
