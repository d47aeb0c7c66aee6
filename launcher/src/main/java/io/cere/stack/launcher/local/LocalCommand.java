package io.cere.stack.launcher.local;

import io.cere.stack.launcher.CommandFailedException;
import io.cere.stack.launcher.DataDirOption;
import io.cere.stack.launcher.DurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cere local}: the whole stack on this machine, one process per server. */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the local stack: a Kafka broker (KRaft), the event gateway, a Flink"
                    + " MiniCluster with its web UI running IngestJob, and a storage cluster of 6"
                    + " nodes (erasure code 4+2) with its S3 API, each in its own process.",
            "Waits for each to be healthy, prints where everything is, and runs until Ctrl-C or"
                    + " SIGTERM, which stop the servers in reverse order.",
            "Data (the Kafka log, Flink's retained checkpoints, the storage nodes' shards) stays"
                    + " in the data directory, so the next start resumes where this one stopped."
        })
public final class LocalCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin DataDirOption dataDir;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address every server binds to (default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "Kafka client port (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--kafka-controller-port",
            description = "Kafka KRaft controller port (default: --kafka-port + 1).")
    Integer kafkaControllerPort;

    @Option(
            names = "--gateway-port",
            defaultValue = "8080",
            description = "Event gateway port (default ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(
            names = "--flink-port",
            defaultValue = "8081",
            description = "Flink web UI and REST port (default ${DEFAULT-VALUE}).")
    int flinkPort;

    @Option(
            names = "--storage-base-port",
            defaultValue = "9101",
            description =
                    "Port of the first storage node; the other five take the next ports"
                            + " (default ${DEFAULT-VALUE}, so 9101-9106).")
    int storageBasePort;

    @Option(
            names = "--routing-rules",
            paramLabel = "FILE",
            description =
                    "IngestJob routing rules, JSON: {\"routes\": [{\"appId\", \"type\","
                            + " \"topic\"}]}. Routed topics are created with 2 partitions.")
    Path routingRules;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of IngestJob (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--startup-timeout",
            defaultValue = "3m",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How long each server may take to become healthy (default ${DEFAULT-VALUE}).")
    Duration startupTimeout;

    @Option(
            names = "--job-option",
            paramLabel = "KEY=VALUE",
            description =
                    "An IngestJob option, repeatable, e.g. cere.ingest.replay-window=1h."
                            + " Allowed: cere.ingest.max-clock-skew, cere.ingest.replay-window,"
                            + " cere.ingest.max-envelope-bytes, cere.ingest.checkpoint-interval,"
                            + " cere.ingest.transaction-timeout.")
    Map<String, String> jobOptions = new LinkedHashMap<>();

    /** The options, validated; a usage error names each bad one. */
    LocalStackOptions options() {
        try {
            return new LocalStackOptions(
                    dataDir.get(),
                    host,
                    kafkaPort,
                    kafkaControllerPort != null ? kafkaControllerPort : kafkaPort + 1,
                    gatewayPort,
                    flinkPort,
                    storageBasePort,
                    Optional.ofNullable(routingRules),
                    parallelism,
                    startupTimeout,
                    jobOptions);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        LocalStackOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalStack stack = new LocalStack(options, err);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stopOnSignal(stack, err), "cere-local-stop"));
        try {
            Duration startedIn = stack.start();
            out.println(
                    Banner.text(
                            options, startedIn, defaultDataDir(), stack.kafkaLog(), stack.s3Key()));
            out.flush();
            Optional<String> exited = stack.awaitUnexpectedExit();
            if (exited.isEmpty()) {
                waitForShutdownHook();
            }
            err.println("cere local: " + exited.get());
            err.println("cere local: stopping the other servers");
            err.flush();
            stack.stop();
            return 1;
        } catch (LocalStack.StackStoppedException e) {
            waitForShutdownHook();
            return 1; // not reached: the hook ends the JVM
        } catch (IOException | RuntimeException e) {
            if (stack.isStopping()) {
                waitForShutdownHook();
            }
            if (!(e instanceof CommandFailedException
                    || e instanceof IOException
                    || e instanceof IllegalStateException)) {
                stack.stop();
                throw e; // a defect: shown whole
            }
            // Why first, then what stopping did.
            err.println("cere local: " + e.getMessage());
            err.flush();
            stack.stop();
            return 1;
        }
    }

    /** The data directory the other commands use without {@code --data-dir}. */
    private static Path defaultDataDir() {
        String home = System.getenv("CERE_HOME");
        return Path.of(home != null && !home.isBlank() ? home : ".cere");
    }

    /**
     * Ctrl-C or SIGTERM: stops the stack and ends the JVM with 0, since stopping is what was asked.
     * When the launcher itself is exiting (a server died), its own stop and exit code stand.
     */
    private static void stopOnSignal(LocalStack stack, PrintWriter err) {
        if (!stack.stop()) {
            try {
                stack.awaitStopped();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        err.println("cere local: stopped; data kept for the next start");
        err.flush();
        Runtime.getRuntime().halt(0);
    }

    /** The shutdown hook is stopping the stack and will end the JVM; nothing else to do. */
    private static void waitForShutdownHook() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
