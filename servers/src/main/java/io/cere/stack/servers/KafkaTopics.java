package io.cere.stack.servers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics and returns only once every partition of them has a leader. A topic is listed as
 * soon as the controller records it, but its partitions take a moment longer to elect leaders; an
 * idempotent producer whose first batch meets a partition without one gets {@code
 * NOT_LEADER_OR_FOLLOWER}, and its retries of the batches behind it can then fail with {@code
 * OUT_OF_ORDER_SEQUENCE_NUMBER} indefinitely. Producing only after this returns avoids that.
 */
public final class KafkaTopics {

    private static final long POLL_MILLIS = 50;
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {}

    /**
     * Creates each topic of {@code partitionsByTopic} (name → partitions, replication factor 1)
     * that does not exist yet, leaving existing ones as they are, and waits until every partition
     * of every named topic has a leader.
     *
     * @return the names of the topics it created, in the order given
     * @throws IllegalStateException when the broker does not create them or elect their leaders
     *     within {@code timeout}, naming the topics still waiting
     */
    public static List<String> createMissing(
            String bootstrapServers, Map<String, Integer> partitionsByTopic, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties props = new Properties();
        props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        String millis = Long.toString(timeout.toMillis());
        props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        if (timeout.compareTo(DEFAULT_REQUEST_TIMEOUT) < 0) {
            // The admin client refuses an API timeout shorter than its request timeout.
            props.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        }
        try (Admin admin = Admin.create(props)) {
            Set<String> existing =
                    admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            partitionsByTopic.forEach(
                    (name, partitions) -> {
                        if (!existing.contains(name)) {
                            missing.add(new NewTopic(name, partitions, (short) 1));
                        }
                    });
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing)
                            .all()
                            .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, partitionsByTopic.keySet(), deadline);
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(
                    "cannot create topics "
                            + partitionsByTopic.keySet()
                            + " on Kafka at "
                            + bootstrapServers
                            + ": "
                            + cause,
                    cause);
        }
    }

    private static void awaitLeaders(Admin admin, Set<String> topics, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, String> waiting = new LinkedHashMap<>();
        while (true) {
            waiting.clear();
            Map<String, TopicDescription> described;
            try {
                described =
                        admin.describeTopics(topics)
                                .allTopicNames()
                                .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                described = Map.of();
            }
            for (String topic : topics) {
                TopicDescription description = described.get(topic);
                if (description == null) {
                    waiting.put(topic, "not yet known to the broker");
                    continue;
                }
                for (TopicPartitionInfo partition : description.partitions()) {
                    if (partition.leader() == null || partition.leader().isEmpty()) {
                        waiting.put(topic, "partition " + partition.partition() + " has no leader");
                        break;
                    }
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("still waiting for " + waiting);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
