package io.cere.stack.storage.node;

import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.storage.node.activity.ActivityLog;
import io.cere.stack.storage.node.activity.ActivityRecorder;
import io.cere.stack.storage.node.activity.KafkaActivityLog;
import io.cere.stack.storage.node.activity.LocalActivityLog;
import io.cere.stack.storage.node.activity.NodeKey;
import io.cere.stack.storage.node.config.ClusterConfigException;
import io.cere.stack.storage.node.config.ClusterConfigFile;
import io.cere.stack.storage.node.config.ClusterSecret;
import io.cere.stack.storage.node.config.NodeSettings;
import io.cere.stack.storage.s3.S3Options;
import io.cere.stack.storage.s3.auth.Credentials;
import io.cere.stack.storage.s3.auth.CredentialsFile;
import io.cere.stack.storage.s3.backend.ActivityListener;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one storage node in this JVM until it is stopped (SIGTERM, Ctrl-C); see {@link
 * NodeCommandLine} for the options and {@link ClusterConfigFile} for the cluster file. A
 * configuration that cannot work ends the process with exit code 2 and a message naming the
 * setting, before anything is served for long.
 */
public final class NodeMain {

    private static final Logger LOG = LoggerFactory.getLogger(NodeMain.class);

    /** The exit code for a configuration that cannot work. */
    public static final int CONFIG_ERROR_EXIT_CODE = 2;

    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        StorageNode node;
        ActivityRecorder activity;
        try {
            NodeCommandLine line = NodeCommandLine.parse(args);
            NodeSettings settings =
                    NodeSettings.of(
                            ClusterConfigFile.load(line.clusterFile()),
                            line.nodeId(),
                            line.dataDir(),
                            line.port(),
                            line.clusterSecret() == null
                                    ? null
                                    : ClusterSecret.load(line.clusterSecret()));
            activity = activity(line);
            node = StorageNode.start(settings, s3(line, activity));
        } catch (ClusterConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(CONFIG_ERROR_EXIT_CODE);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    node.close();
                                    try {
                                        activity.close();
                                    } catch (IOException e) {
                                        LOG.error("closing the activity log: {}", e.toString());
                                    }
                                    stopped.countDown();
                                },
                                "storage-node-shutdown"));
        stopped.await();
    }

    /**
     * Signs every operation served with the node's key (created in its data directory on first
     * start) and sends the records to Kafka, or to {@code activity.log} in the data directory.
     */
    private static ActivityRecorder activity(NodeCommandLine line) {
        try {
            Files.createDirectories(line.dataDir());
            Ed25519.KeyPair key = NodeKey.loadOrCreate(line.dataDir());
            LocalActivityLog local = new LocalActivityLog(line.dataDir().resolve("activity.log"));
            ActivityLog log =
                    line.kafkaBootstrapServers() == null
                            ? local
                            : new KafkaActivityLog(
                                    line.kafkaBootstrapServers(), line.activityTopic(), local);
            LOG.info(
                    "Activity records signed by node key {} go to {}",
                    key.publicKeyHex(),
                    line.kafkaBootstrapServers() == null
                            ? local.file()
                            : "Kafka topic "
                                    + line.activityTopic()
                                    + " at "
                                    + line.kafkaBootstrapServers()
                                    + " (else "
                                    + local.file()
                                    + ")");
            return new ActivityRecorder(line.nodeId(), key, log, Clock.systemUTC());
        } catch (IOException e) {
            throw new ClusterConfigException(
                    "cannot open the activity log in " + line.dataDir() + ": " + e.getMessage(), e);
        }
    }

    private static S3Mount s3(NodeCommandLine line, ActivityListener activity) {
        if (line.s3Credentials() == null) {
            LOG.info("No --s3-credentials: the S3 API is off; only the native API is served");
            return S3Mount.none(activity);
        }
        Credentials credentials;
        try {
            credentials = CredentialsFile.load(line.s3Credentials());
        } catch (IOException | IllegalArgumentException e) {
            throw new ClusterConfigException(
                    "cannot read the S3 credentials file "
                            + line.s3Credentials()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        S3Options.Builder options = S3Options.builder();
        line.s3Domains().forEach(options::baseDomain);
        return new S3Api(credentials, options.build(), activity);
    }
}
