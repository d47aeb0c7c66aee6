package io.cere.stack.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Answers "can the gateway write to its topic?" by describing the topic, never waiting longer than
 * a short timeout, and sharing one answer among all callers for a second (so {@code GET /health}
 * polled by many cannot flood the broker).
 */
final class KafkaHealthProbe implements AutoCloseable {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_CACHE_FOR = Duration.ofSeconds(1);

    /** Finds the partition count of a topic. */
    interface TopicDescriber extends AutoCloseable {
        CompletionStage<Integer> partitions(String topic, Duration timeout);

        @Override
        default void close() {}
    }

    /** What the last check found; {@code reason} is null when the topic is writable. */
    record KafkaStatus(boolean connected, int partitions, String reason, long checkedAtNanos) {
        boolean up() {
            return reason == null;
        }
    }

    private final TopicDescriber describer;
    private final String topic;
    private final Duration timeout;
    private final long cacheNanos;
    private final LongSupplier nanoTime;
    private CompletableFuture<KafkaStatus> current;

    KafkaHealthProbe(
            TopicDescriber describer,
            String topic,
            Duration timeout,
            Duration cacheFor,
            LongSupplier nanoTime) {
        this.describer = describer;
        this.topic = topic;
        this.timeout = timeout;
        this.cacheNanos = cacheFor.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A probe describing the topic with an admin client, which it closes when closed. */
    static KafkaHealthProbe forAdmin(Admin admin, String topic) {
        TopicDescriber describer =
                new TopicDescriber() {
                    @Override
                    public CompletionStage<Integer> partitions(String name, Duration timeout) {
                        return admin.describeTopics(
                                        List.of(name),
                                        new DescribeTopicsOptions()
                                                .timeoutMs((int) timeout.toMillis()))
                                .allTopicNames()
                                .toCompletionStage()
                                .thenApply(topics -> topics.get(name).partitions().size());
                    }

                    @Override
                    public void close() {
                        admin.close(Duration.ofSeconds(5));
                    }
                };
        return new KafkaHealthProbe(
                describer, topic, DEFAULT_TIMEOUT, DEFAULT_CACHE_FOR, System::nanoTime);
    }

    /**
     * The status of Kafka for the topic: the last answer if it is recent, the check in progress if
     * there is one, or a new check. Never completes exceptionally.
     */
    synchronized CompletableFuture<KafkaStatus> status() {
        if (current != null
                && (!current.isDone()
                        || nanoTime.getAsLong() - current.join().checkedAtNanos() < cacheNanos)) {
            return current;
        }
        CompletableFuture<Integer> check;
        try {
            check = describer.partitions(topic, timeout).toCompletableFuture();
        } catch (RuntimeException e) {
            check = CompletableFuture.failedFuture(e);
        }
        current =
                check
                        // A describer that never answers must not leave health hanging.
                        .orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                        .handle(this::toStatus);
        return current;
    }

    private KafkaStatus toStatus(Integer partitions, Throwable error) {
        long now = nanoTime.getAsLong();
        if (error == null) {
            if (partitions == null || partitions < 1) {
                return new KafkaStatus(true, 0, "topic '" + topic + "' has no partitions", now);
            }
            return new KafkaStatus(true, partitions, null, now);
        }
        Throwable cause = unwrap(error);
        if (cause instanceof UnknownTopicOrPartitionException) {
            return new KafkaStatus(true, 0, "topic '" + topic + "' does not exist", now);
        }
        if (cause instanceof TimeoutException
                || cause instanceof java.util.concurrent.TimeoutException) {
            return new KafkaStatus(
                    false,
                    0,
                    "Kafka did not answer within " + timeout.toMillis() + " ms (" + cause + ")",
                    now);
        }
        return new KafkaStatus(false, 0, cause.toString(), now);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        describer.close();
    }
}
