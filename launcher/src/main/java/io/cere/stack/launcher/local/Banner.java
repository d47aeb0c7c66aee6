package io.cere.stack.launcher.local;

import io.cere.stack.storage.s3.auth.AccessKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code cere local} prints once every server is healthy: where each one answers, the topics,
 * the storage cluster's S3 endpoint and access key, where data and logs are, and the commands to
 * try next (with the options this stack needs, when it does not run on the defaults).
 */
final class Banner {

    /** The first line; scripts and tests wait for it. */
    static final String READY_LINE = "Cere local stack is up";

    static final String DEFAULT_GATEWAY = "http://127.0.0.1:8080";
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    private Banner() {}

    /**
     * @param defaultDataDir the data directory commands use without {@code --data-dir}
     * @param kafkaLog the broker's log file
     * @param s3Key the access key the storage nodes' S3 API accepts
     */
    static String text(
            LocalStackOptions options,
            Duration startedIn,
            Path defaultDataDir,
            Path kafkaLog,
            AccessKey s3Key) {
        Path dataDir = options.dataDir().root();
        String dataDirOption =
                dataDir.equals(defaultDataDir.toAbsolutePath().normalize())
                        ? ""
                        : " --data-dir " + dataDir;
        String gatewayOption =
                options.gatewayUrl().equals(DEFAULT_GATEWAY)
                        ? ""
                        : " --gateway " + options.gatewayUrl();
        String bootstrapOption =
                options.bootstrapServers().equals(DEFAULT_BOOTSTRAP)
                        ? ""
                        : " --bootstrap-servers " + options.bootstrapServers();
        List<String> storage = options.storageUrls();
        String topics =
                options.topics().stream()
                        .map(t -> t.name() + " (" + t.partitions() + ")")
                        .collect(Collectors.joining(", "));
        List<String> lines =
                List.of(
                        String.format(
                                Locale.ROOT,
                                "%s (started in %.1f s)",
                                READY_LINE,
                                startedIn.toMillis() / 1000.0),
                        "",
                        "  Flink web UI   " + options.flinkUrl(),
                        "  Gateway        "
                                + options.gatewayUrl()
                                + "/events   (POST signed events; GET /health, /metrics)",
                        "  Kafka          " + options.bootstrapServers(),
                        "  Topics         " + topics,
                        "  Job            IngestJob, parallelism " + options.parallelism(),
                        "  Storage        "
                                + storage.size()
                                + " nodes "
                                + storage.get(0)
                                + " .. "
                                + storage.get(storage.size() - 1)
                                + ", erasure code "
                                + LocalStackOptions.STORAGE_K
                                + "+"
                                + LocalStackOptions.STORAGE_M
                                + "   (each serves both APIs)",
                        "  S3 endpoint    " + storage.get(0) + "   (path-style, region us-east-1)",
                        "  S3 access key  " + s3Key.id(),
                        "  S3 secret key  " + s3Key.secret(),
                        "  Native API     "
                                + storage.get(0)
                                + "/cas/{bucket}   (PUT bytes; GET /cas/{bucket}/{cid})",
                        "  Data dir       " + dataDir,
                        "  Logs dir       "
                                + options.dataDir().logs()
                                + "   (gateway.log, flink.log, storage-node-N.log; Kafka: "
                                + kafkaLog
                                + ")",
                        "",
                        "Next, in another terminal:",
                        "  bin/cere keygen" + dataDirOption,
                        "  bin/cere send"
                                + dataDirOption
                                + gatewayOption
                                + " --app demo --type hello --payload '{\"hello\":\"world\"}'",
                        "  bin/cere tail events.valid" + bootstrapOption + " --from-beginning",
                        "  bin/cere storage put FILE" + dataDirOption,
                        "  bin/cere storage ls" + dataDirOption,
                        "",
                        "Ctrl-C stops every server; the data stays in " + dataDir + ".");
        return String.join(System.lineSeparator(), lines);
    }
}
