package io.cere.stack.launcher.tail;

import io.cere.stack.launcher.CommandFailedException;
import io.cere.stack.launcher.DurationConverter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cere tail}: prints the records of a topic, one JSON object per line. */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a topic's records as JSON, one per line: events.valid and routed topics as"
                    + " decoded EnrichedEvent records, events.rejected as written, events.raw as"
                    + " {key, headers, value}.",
            "Reads committed records only (isolation.level=read_committed) and commits no offsets.",
            "",
            "Example: bin/cere tail events.valid --from-beginning --max 10"
        })
public final class TailCommand implements Callable<Integer> {

    static final String RAW_TOPIC = "events.raw";
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "127.0.0.1:9092",
            paramLabel = "HOST:PORT",
            description = "Kafka (default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(
            names = "--from-beginning",
            description = "Start at the oldest record instead of the end of the topic.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Exit after N records.")
    Long max;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Exit after this long without a record (e.g. 10s, 2m). Default: run until"
                            + " Ctrl-C.")
    Duration timeout;

    @Override
    public Integer call() {
        if (max != null && max < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--max must be at least 1, got " + max);
        }
        if (timeout != null && timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be more than 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        RecordRenderer renderer = new RecordRenderer(RAW_TOPIC);
        CountDownLatch done = new CountDownLatch(1);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            Thread stopOnCtrlC =
                    new Thread(
                            () -> {
                                consumer.wakeup();
                                try {
                                    done.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "tail-stop");
            Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
            try {
                assignAll(consumer);
                read(consumer, renderer, out);
            } catch (WakeupException e) {
                // Ctrl-C: stop reading.
            } finally {
                out.flush();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down (Ctrl-C); the hook waits for us.
                }
            }
        } finally {
            done.countDown();
        }
        return 0;
    }

    private void read(
            KafkaConsumer<byte[], byte[]> consumer, RecordRenderer renderer, PrintWriter out) {
        long printed = 0;
        long lastRecord = System.nanoTime();
        while (true) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                out.println(renderer.render(topic, record.key(), record.headers(), record.value()));
                printed++;
                lastRecord = System.nanoTime();
                if (max != null && printed >= max) {
                    return;
                }
            }
            out.flush();
            if (timeout != null && System.nanoTime() - lastRecord >= timeout.toNanos()) {
                return;
            }
        }
    }

    /** Assigns every partition of the topic (no consumer group rebalance to wait for). */
    private void assignAll(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        } catch (TimeoutException e) {
            throw new CommandFailedException(
                    "cannot reach Kafka at "
                            + bootstrapServers
                            + " within "
                            + METADATA_TIMEOUT.toSeconds()
                            + " s; is `bin/cere local` running?",
                    e);
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new CommandFailedException(
                    "topic '"
                            + topic
                            + "' does not exist on "
                            + bootstrapServers
                            + "; known topics: "
                            + String.join(", ", consumer.listTopics(METADATA_TIMEOUT).keySet()));
        }
        List<TopicPartition> assigned =
                partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        if (fromBeginning) {
            consumer.seekToBeginning(assigned);
        } else {
            consumer.seekToEnd(assigned);
        }
        // Resolve the positions now, so records written from here on are not missed.
        assigned.forEach(consumer::position);
    }

    Properties consumerProperties() {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "cere-tail-" + UUID.randomUUID());
        props.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "cere-tail");
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.setProperty(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        props.setProperty(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.setProperty(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.setProperty(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return props;
    }
}
