package io.cere.stack.storage.node;

import io.cere.stack.storage.node.config.ClusterConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link NodeMain}:
 *
 * <pre>
 * --cluster FILE          the cluster file, the same for every node (required)
 * --node ID               this node's id in it (required)
 * --data DIR              this node's data directory (required)
 * --port PORT             listen here instead of on the port of the node's URL
 * --cluster-secret FILE   the secret every node sends to and requires from its peers on /internal/
 *                         (the same file for every node; may be left out only when every member
 *                         of the cluster file is on loopback)
 * --s3-credentials FILE   serve the S3 API, with the access keys in FILE
 * --s3-domain DOMAIN      take virtual-host-style S3 requests for &lt;bucket&gt;.DOMAIN (repeatable)
 * --kafka SERVERS         send activity records to Kafka (bootstrap servers); else to DIR/activity.log
 * --activity-topic TOPIC  the topic for activity records (default activity)
 * </pre>
 */
record NodeCommandLine(
        Path clusterFile,
        String nodeId,
        Path dataDir,
        Integer port,
        Path clusterSecret,
        Path s3Credentials,
        List<String> s3Domains,
        String kafkaBootstrapServers,
        String activityTopic) {

    static final String USAGE =
            "usage: NodeMain --cluster FILE --node ID --data DIR [--port PORT]"
                    + " [--cluster-secret FILE] [--s3-credentials FILE [--s3-domain DOMAIN]...]"
                    + " [--kafka SERVERS [--activity-topic TOPIC]]";

    static final String DEFAULT_ACTIVITY_TOPIC = "activity";

    /**
     * @throws ClusterConfigException naming the option that is missing or wrong
     */
    static NodeCommandLine parse(String... args) {
        Path cluster = null;
        String node = null;
        Path data = null;
        Integer port = null;
        Path secret = null;
        Path credentials = null;
        List<String> domains = new ArrayList<>();
        String kafka = null;
        String topic = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new ClusterConfigException(option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--cluster" -> cluster = Path.of(value);
                case "--node" -> node = value;
                case "--data" -> data = Path.of(value);
                case "--port" -> port = port(value);
                case "--cluster-secret" -> secret = Path.of(value);
                case "--s3-credentials" -> credentials = Path.of(value);
                case "--s3-domain" -> domains.add(value);
                case "--kafka" -> kafka = value;
                case "--activity-topic" -> topic = value;
                default ->
                        throw new ClusterConfigException("unknown option " + option + "; " + USAGE);
            }
        }
        String missing =
                cluster == null
                        ? "--cluster"
                        : node == null ? "--node" : data == null ? "--data" : null;
        if (missing != null) {
            throw new ClusterConfigException(missing + " is missing; " + USAGE);
        }
        if (credentials == null && !domains.isEmpty()) {
            throw new ClusterConfigException("--s3-domain needs --s3-credentials; " + USAGE);
        }
        if (kafka == null && topic != null) {
            throw new ClusterConfigException("--activity-topic needs --kafka; " + USAGE);
        }
        return new NodeCommandLine(
                cluster,
                node,
                data,
                port,
                secret,
                credentials,
                List.copyOf(domains),
                kafka,
                topic == null ? DEFAULT_ACTIVITY_TOPIC : topic);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ClusterConfigException("--port is '" + value + "'; expected a number 0..65535");
    }
}
