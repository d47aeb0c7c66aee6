package io.cere.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.gateway.KafkaHealthProbe.KafkaStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class KafkaHealthProbeTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Deque<CompletableFuture<Integer>> answers = new ArrayDeque<>();
    private final AtomicInteger asked = new AtomicInteger();

    private final KafkaHealthProbe probe =
            new KafkaHealthProbe(
                    new KafkaHealthProbe.TopicDescriber() {
                        @Override
                        public CompletionStage<Integer> partitions(String topic, Duration timeout) {
                            asked.incrementAndGet();
                            return answers.removeFirst();
                        }
                    },
                    "events.raw",
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    now::get);

    @Test
    void reportsThePartitionsOfAReachableTopic() throws Exception {
        answers.add(CompletableFuture.completedFuture(3));

        KafkaStatus status = probe.status().get(1, TimeUnit.SECONDS);

        assertThat(status.up()).isTrue();
        assertThat(status.connected()).isTrue();
        assertThat(status.partitions()).isEqualTo(3);
    }

    @Test
    void sharesOneAnswerForASecond() throws Exception {
        answers.add(CompletableFuture.completedFuture(3));
        answers.add(CompletableFuture.failedFuture(new TimeoutException("gone")));

        probe.status().get(1, TimeUnit.SECONDS);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        assertThat(probe.status().get(1, TimeUnit.SECONDS).up()).isTrue();
        assertThat(asked).hasValue(1);

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        KafkaStatus later = probe.status().get(1, TimeUnit.SECONDS);
        assertThat(asked).hasValue(2);
        assertThat(later.up()).isFalse();
        assertThat(later.connected()).isFalse();
        assertThat(later.reason()).contains("did not answer within 2000 ms").contains("gone");
    }

    @Test
    void callersDuringACheckShareIt() {
        CompletableFuture<Integer> pending = new CompletableFuture<>();
        answers.add(pending);

        CompletableFuture<KafkaStatus> first = probe.status();
        CompletableFuture<KafkaStatus> second = probe.status();

        assertThat(second).isSameAs(first);
        assertThat(first).isNotDone();
        pending.complete(1);
        assertThat(first.join().up()).isTrue();
        assertThat(asked).hasValue(1);
    }

    @Test
    void aMissingTopicIsDownThoughConnected() {
        answers.add(
                CompletableFuture.failedFuture(new UnknownTopicOrPartitionException("no topic")));

        KafkaStatus status = probe.status().join();

        assertThat(status.up()).isFalse();
        assertThat(status.connected()).isTrue();
        assertThat(status.reason()).isEqualTo("topic 'events.raw' does not exist");
    }
}
