package io.cere.stack.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplayFilterTest {

    private static final Duration WINDOW = Duration.ofHours(24);

    private KeyedOneInputStreamOperatorTestHarness<String, VerifiedEvent, VerifiedEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, VerifiedEvent, VerifiedEvent>
            newHarness() throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ReplayFilter(WINDOW)),
                        VerifiedEvent::replayKey,
                        Types.STRING);
        harness.setProcessingTime(0);
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
        harness.setProcessingTime(WINDOW.toMillis() - 1);
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
    void stateAndTimersDrainWhenWindowEnds() throws Exception {
        for (int i = 0; i < 100; i++) {
            harness.processElement(event("shop", "e" + i), 0);
        }
        assertThat(harness.numKeyedStateEntries()).isEqualTo(100);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(100);

        harness.setProcessingTime(WINDOW.toMillis());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void acceptsIdAgainAfterWindowEnds() throws Exception {
        harness.processElement(event("shop", "e1"), 0);
        harness.setProcessingTime(WINDOW.toMillis());
        harness.processElement(event("shop", "e1"), 0);

        assertThat(harness.extractOutputValues()).hasSize(2);
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
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);
    }
}
