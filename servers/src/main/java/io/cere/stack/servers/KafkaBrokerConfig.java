package io.cere.stack.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files a {@link KafkaBroker} is started from: server.properties, log4j.properties, cluster id.
 */
final class KafkaBrokerConfig {

    /** Settings derived from the builder's options; {@code properties(...)} may not set them. */
    static final Map<String, String> DERIVED =
            Map.ofEntries(
                    Map.entry("process.roles", "(fixed: broker,controller)"),
                    Map.entry("node.id", "(fixed: 1)"),
                    Map.entry("controller.quorum.voters", "controllerPort(...) and host(...)"),
                    Map.entry("listeners", "port(...), controllerPort(...) and host(...)"),
                    Map.entry("advertised.listeners", "port(...) and host(...)"),
                    Map.entry("controller.listener.names", "(fixed: CONTROLLER)"),
                    Map.entry("inter.broker.listener.name", "(fixed: PLAINTEXT)"),
                    Map.entry("listener.security.protocol.map", "(fixed: plaintext)"),
                    Map.entry("log.dirs", "dataDir(...)"),
                    Map.entry("log.dir", "dataDir(...)"),
                    Map.entry("metadata.log.dir", "dataDir(...)"));

    private static final Set<String> NOISY_LOGGERS =
            Set.of(
                    // configuration dumps: server.properties says the same
                    "kafka.server.KafkaConfig",
                    "org.apache.kafka.clients",
                    "org.apache.kafka.common.utils.AppInfoParser",
                    // per-request and per-partition chatter
                    "kafka.request.logger",
                    // a few lines per transaction: exactly-once sinks commit one per checkpoint
                    "kafka.coordinator.transaction",
                    "state.change.logger",
                    "kafka.server.DelayedOperationPurgatory$ExpiredOperationReaper",
                    "kafka.server.ClientQuotaManager$ThrottledChannelReaper",
                    "org.apache.zookeeper");

    /** Written by this module's build: the broker's jars, ':'-separated. */
    static final String CLASS_PATH_RESOURCE = "/io/cere/stack/servers/kafka-broker.classpath";

    static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{21}");

    private KafkaBrokerConfig() {}

    /** A single-node KRaft broker and controller on {@code host}, plus {@code extra} settings. */
    static Map<String, String> serverProperties(
            String host,
            int port,
            int controllerPort,
            Path logDir,
            Path metadataDir,
            Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://"
                        + host
                        + ":"
                        + port
                        + ",CONTROLLER://"
                        + host
                        + ":"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("metadata.log.dir", metadataDir.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        // One broker: internal topics cannot have more replicas than that.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        // Nobody else will join: start a consumer group's first generation at once.
        p.put("group.initial.rebalance.delay.ms", "0");
        // After a crash, the restarted controller refuses the broker's new registration until the
        // crashed one's session expires (default 9 s); one node on loopback needs no such patience.
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "3000");
        // Topics are created on purpose, with their partition counts; a typo must fail.
        p.put("auto.create.topics.enable", "false");
        // Kafka's default, stated because Flink's exactly-once sink must keep its producers'
        // transaction.timeout.ms at or below it (the sink's own default, 1 h, is above).
        p.put("transaction.max.timeout.ms", "900000");
        // log.flush.*: Kafka's defaults (the OS flushes); acknowledged records survive a killed
        // JVM.
        p.putAll(extra);
        return p;
    }

    /** Everything goes to stdout, which {@link ServerProcess} appends to the broker's log file. */
    static String log4jProperties() {
        StringBuilder text = new StringBuilder();
        text.append("log4j.rootLogger=INFO, stdout\n");
        text.append("log4j.appender.stdout=org.apache.log4j.ConsoleAppender\n");
        text.append("log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n");
        text.append("log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n\n");
        NOISY_LOGGERS.stream()
                .sorted()
                .forEach(logger -> text.append("log4j.logger.").append(logger).append("=WARN\n"));
        return text.toString();
    }

    /** Renders settings in the format of {@link java.util.Properties#load(java.io.InputStream)}. */
    static String render(Map<String, String> properties, String comment) {
        StringBuilder text = new StringBuilder();
        text.append("# ").append(comment).append('\n');
        properties.forEach(
                (k, v) ->
                        text.append(escape(k, true))
                                .append('=')
                                .append(escape(v, false))
                                .append('\n'));
        return text.toString();
    }

    /** Properties files are read as ISO-8859-1: escape the rest, and backslashes. */
    private static String escape(String s, boolean key) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if ((key && (c == '=' || c == ':' || c == ' ')) || (i == 0 && c == ' ')) {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The cluster id stored in {@code file}, created on first use so that a restart formats nothing
     * and finds the same cluster.
     */
    static String clusterId(Path file) throws IOException {
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!CLUSTER_ID.matcher(id).matches()) {
                throw new IOException(
                        file + " holds '" + id + "'; expected a 22-character base64url cluster id");
            }
            return id;
        }
        String id = newClusterId(new SecureRandom());
        ServerProcess.writeAtomically(file, id + "\n");
        return id;
    }

    /**
     * A random id in Kafka's format: 16 bytes, base64url without padding (22 characters). Like
     * Kafka's own, never starting with '-', which command lines would take for an option.
     */
    static String newClusterId(Random random) {
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    /** The broker's jars, as the build of this module resolved them. */
    static List<Path> brokerClassPath() throws ServerStartException {
        return ClassPathFile.read(
                KafkaBrokerConfig.class.getClassLoader(),
                CLASS_PATH_RESOURCE,
                "The Kafka broker",
                "cere-servers");
    }
}
