package io.cere.stack.launcher.local;

import io.cere.stack.functions.ingest.RoutingRules;
import io.cere.stack.jobs.ingest.IngestOptions;
import io.cere.stack.launcher.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;

/**
 * Everything {@code cere local} is told, validated once: where the data lives, the address and
 * ports of each server (the storage nodes on consecutive ports from a base port), the routing rules
 * and the job's parallelism.
 */
public record LocalStackOptions(
        DataDirectory dataDir,
        String host,
        int kafkaPort,
        int kafkaControllerPort,
        int gatewayPort,
        int flinkPort,
        int storageBasePort,
        Optional<Path> routingRules,
        int parallelism,
        Duration startupTimeout,
        Map<String, String> jobOptions) {

    public static final String RAW_TOPIC = "events.raw";
    public static final String VALID_TOPIC = "events.valid";
    public static final String REJECTED_TOPIC = "events.rejected";

    /** Where the storage nodes send their signed activity records. */
    public static final String ACTIVITY_TOPIC = "activity";

    static final int MAX_PARALLELISM = 64;

    /** The storage cluster: six nodes, each segment coded into 4 data and 2 parity shards. */
    public static final int STORAGE_NODES = 6;

    public static final int STORAGE_K = 4;
    public static final int STORAGE_M = 2;
    private static final String STORAGE_ROLE = "storage node";

    /** A topic the stack needs, with the partitions it is created with. */
    public record Topic(String name, int partitions) {}

    public LocalStackOptions {
        List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add("--host must not be empty");
        }
        checkPort(problems, "--kafka-port", kafkaPort);
        checkPort(problems, "--kafka-controller-port", kafkaControllerPort);
        checkPort(problems, "--gateway-port", gatewayPort);
        checkPort(problems, "--flink-port", flinkPort);
        if (storageBasePort < 1 || storageBasePort + STORAGE_NODES - 1 > 65535) {
            problems.add(
                    "--storage-base-port must be between 1 and "
                            + (65535 - STORAGE_NODES + 1)
                            + " (the "
                            + STORAGE_NODES
                            + " storage nodes take it and the next "
                            + (STORAGE_NODES - 1)
                            + "), got "
                            + storageBasePort);
        }
        Map<Integer, String> seen = new LinkedHashMap<>();
        for (Port port :
                ports(kafkaPort, kafkaControllerPort, gatewayPort, flinkPort, storageBasePort)) {
            String other = seen.putIfAbsent(port.number(), port.label());
            if (other != null) {
                problems.add(
                        port.label()
                                + " and "
                                + other
                                + " are both "
                                + port.number()
                                + "; every server needs its own port");
            }
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            problems.add(
                    "--parallelism must be between 1 and "
                            + MAX_PARALLELISM
                            + ", got "
                            + parallelism);
        }
        if (startupTimeout == null || startupTimeout.isZero() || startupTimeout.isNegative()) {
            problems.add("--startup-timeout must be positive, got " + startupTimeout);
        }
        routingRules = routingRules.map(p -> p.toAbsolutePath().normalize());
        if (routingRules.isPresent()) {
            Path file = routingRules.get();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                problems.add("--routing-rules: no readable file at " + file);
            } else {
                try {
                    RoutingRules.load(file);
                } catch (IllegalArgumentException e) {
                    problems.add("--routing-rules: " + e.getMessage());
                }
            }
        }
        jobOptions = Map.copyOf(jobOptions);
        checkJobOptions(problems, jobOptions);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * Only IngestJob's tunable options: the stack itself decides its brokers, topics and routing
     * rules, and creates the topics under those names.
     */
    private static void checkJobOptions(List<String> problems, Map<String, String> jobOptions) {
        List<String> tunable =
                IngestOptions.TUNABLE.stream().map(ConfigOption::key).sorted().toList();
        Map<String, String> probe = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : jobOptions.entrySet()) {
            if (!tunable.contains(option.getKey())) {
                problems.add(
                        "--job-option "
                                + option.getKey()
                                + " is not an option bin/cere local passes on; use one of "
                                + String.join(", ", tunable));
            } else {
                probe.put(option.getKey(), option.getValue());
            }
        }
        probe.put(IngestOptions.BOOTSTRAP_SERVERS.key(), "127.0.0.1:9092");
        try {
            IngestOptions.fromMap(probe);
        } catch (IllegalArgumentException e) {
            problems.add("--job-option: " + e.getMessage().replace("\n", " "));
        }
    }

    private static void checkPort(List<String> problems, String option, int port) {
        if (port < 1 || port > 65535) {
            problems.add(option + " must be between 1 and 65535, got " + port);
        }
    }

    /** A port the stack binds: what it is for and the option that sets it. */
    public record Port(String role, String option, int number) {

        /** The option, and for a storage node which one: {@code --storage-base-port (node 3)}. */
        String label() {
            return role.startsWith(STORAGE_ROLE) ? option + " (" + role + ")" : option;
        }
    }

    /** Each port the stack binds, in start order. */
    public List<Port> ports() {
        return ports(kafkaPort, kafkaControllerPort, gatewayPort, flinkPort, storageBasePort);
    }

    private static List<Port> ports(
            int kafka, int controller, int gateway, int flink, int storageBase) {
        List<Port> ports = new ArrayList<>();
        ports.add(new Port("Kafka", "--kafka-port", kafka));
        ports.add(new Port("Kafka controller", "--kafka-controller-port", controller));
        ports.add(new Port("gateway", "--gateway-port", gateway));
        ports.add(new Port("Flink web UI", "--flink-port", flink));
        for (int i = 1; i <= STORAGE_NODES; i++) {
            ports.add(new Port(STORAGE_ROLE + " " + i, "--storage-base-port", storageBase + i - 1));
        }
        return ports;
    }

    /**
     * The topics the stack creates if missing: the ingest topics, each routed topic, and the
     * storage nodes' activity topic.
     */
    public List<Topic> topics() {
        List<Topic> topics = new ArrayList<>();
        topics.add(new Topic(RAW_TOPIC, 2));
        topics.add(new Topic(VALID_TOPIC, 2));
        topics.add(new Topic(REJECTED_TOPIC, 1));
        routingRules.ifPresent(
                file ->
                        RoutingRules.load(file).topics().stream()
                                .filter(
                                        t ->
                                                topics.stream()
                                                        .noneMatch(known -> known.name().equals(t)))
                                .forEach(t -> topics.add(new Topic(t, 2))));
        if (topics.stream().noneMatch(t -> t.name().equals(ACTIVITY_TOPIC))) {
            topics.add(new Topic(ACTIVITY_TOPIC, 2));
        }
        return topics;
    }

    public String bootstrapServers() {
        return host + ":" + kafkaPort;
    }

    public String gatewayUrl() {
        return "http://" + host + ":" + gatewayPort;
    }

    public String flinkUrl() {
        return "http://" + host + ":" + flinkPort;
    }

    /** The storage nodes' URLs, node 1 first; each serves the native API and the S3 API. */
    public List<String> storageUrls() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < STORAGE_NODES; i++) {
            urls.add("http://" + host + ":" + (storageBasePort + i));
        }
        return urls;
    }
}
