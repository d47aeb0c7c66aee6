package io.cere.stack.jobs.testutils;

import io.cere.stack.flinkdist.FlinkDistribution;
import io.cere.stack.servers.FreePorts;
import io.cere.stack.servers.Readiness;
import io.cere.stack.servers.ServerProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A real Flink standalone session cluster: a JobManager and a TaskManager, each in its own JVM, on
 * a class path of Flink alone ({@link FlinkDistribution}), started the way Flink's scripts start
 * them; and {@code flink run}, Flink's own command line, to submit jars to it. Job classes reach
 * the cluster only inside the jar.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");

    private final Path dir;
    private final Path confDir;
    private final List<Path> classPath;
    private final int restPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private ServerProcess jobManager;
    private ServerProcess taskManager;

    private StandaloneFlinkCluster(Path dir, List<Path> classPath, int restPort) {
        this.dir = dir;
        this.confDir = dir.resolve("conf");
        this.classPath = classPath;
        this.restPort = restPort;
    }

    /** Starts both processes and waits until the TaskManager has registered its slots. */
    public static StandaloneFlinkCluster start(Path dir, int slots) throws Exception {
        List<Path> classPath = FlinkDistribution.classPath();
        StandaloneFlinkCluster cluster =
                new StandaloneFlinkCluster(dir, classPath, FreePorts.pick());
        cluster.startProcesses(slots);
        return cluster;
    }

    private void startProcesses(int slots) throws Exception {
        Files.createDirectories(confDir);
        int[] ports = FreePorts.pick(2);
        Files.writeString(
                confDir.resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: 127.0.0.1",
                        "jobmanager.rpc.port: " + ports[0],
                        "jobmanager.bind-host: 127.0.0.1",
                        "jobmanager.memory.process.size: 768m",
                        "taskmanager.host: 127.0.0.1",
                        "taskmanager.bind-host: 127.0.0.1",
                        "taskmanager.numberOfTaskSlots: " + slots,
                        "taskmanager.memory.process.size: 1280m",
                        "rest.address: 127.0.0.1",
                        "rest.bind-address: 127.0.0.1",
                        "rest.port: " + restPort,
                        "blob.server.port: " + ports[1],
                        "io.tmp.dirs: " + dir.resolve("io-tmp"),
                        "parallelism.default: " + slots,
                        ""));
        Files.copy(
                Path.of("src/test/resources/log4j2-test.properties"),
                confDir.resolve("log4j.properties"));
        Configuration conf = GlobalConfiguration.loadConfiguration(confDir.toString());

        // What bin/jobmanager.sh and bin/taskmanager.sh compute with BashJavaUtils.
        JobManagerProcessSpec jm =
                JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(
                        conf, JobManagerOptions.TOTAL_PROCESS_MEMORY);
        List<String> jmArgs = new ArrayList<>(List.of("--configDir", confDir.toString()));
        jmArgs.addAll(words(JobManagerProcessUtils.generateDynamicConfigsStr(jm)));
        jobManager =
                process(
                                "flink-jobmanager",
                                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                                words(JobManagerProcessUtils.generateJvmParametersStr(jm, conf)))
                        .args(jmArgs)
                        .start();
        jobManager.waitUntil(
                START_TIMEOUT,
                Readiness.portAccepting("127.0.0.1", restPort),
                Readiness.of("GET /overview answering 200", p -> get("/overview") != null));

        TaskExecutorProcessSpec tm =
                TaskExecutorProcessUtils.processSpecFromConfig(
                        TaskExecutorProcessUtils
                                .getConfigurationMapLegacyTaskManagerHeapSizeToConfigOption(
                                        conf, TaskManagerOptions.TOTAL_PROCESS_MEMORY));
        List<String> tmArgs = new ArrayList<>(List.of("--configDir", confDir.toString()));
        tmArgs.addAll(words(TaskExecutorProcessUtils.generateDynamicConfigsStr(tm)));
        taskManager =
                process(
                                "flink-taskmanager",
                                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                                words(ProcessMemoryUtils.generateJvmParametersStr(tm)))
                        .args(tmArgs)
                        .start();
        String slotsAvailable = "\"slots-available\":" + slots;
        taskManager.waitUntil(
                START_TIMEOUT,
                Readiness.of(
                        "the TaskManager registered with " + slots + " free slots",
                        p -> {
                            String overview = get("/overview");
                            return overview != null && overview.contains(slotsAvailable);
                        }));
    }

    private ServerProcess.Builder process(String name, String mainClass, List<String> jvmOptions) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(moduleOpens());
        options.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        return ServerProcess.builder()
                .name(name)
                .mainClass(mainClass)
                .classPath(classPath)
                .workingDir(dir)
                .logFile(dir.resolve(name + ".log"))
                .tmpDir(dir.resolve("tmp-" + name))
                .heap("512m")
                .environment("FLINK_CONF_DIR", confDir.toString())
                .jvmOptions(options.toArray(String[]::new));
    }

    /**
     * Runs {@code flink run -d -c mainClass jar args...} with Flink's command line against this
     * cluster and returns the id of the submitted job.
     */
    public String runDetached(String mainClass, Path jar, String... jobArgs) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of("run", "-d", "-c", mainClass, jar.toAbsolutePath().toString()));
        args.addAll(List.of(jobArgs));
        ServerProcess cli =
                process("flink-run", "org.apache.flink.client.cli.CliFrontend", List.of())
                        .args(args)
                        .start();
        OptionalInt exit = cli.awaitExit(START_TIMEOUT);
        String output = Files.readString(cli.logFile());
        if (exit.isEmpty() || exit.getAsInt() != 0) {
            cli.kill();
            throw new IllegalStateException("flink run failed (exit " + exit + "):\n" + output);
        }
        Matcher id = JOB_ID.matcher(output);
        if (!id.find()) {
            throw new IllegalStateException("flink run printed no job id:\n" + output);
        }
        return id.group(1);
    }

    /** {@code GET} on the REST API: the body of a 200 answer, or null. */
    public String get(String path) {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + restPort + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public void cancel(String jobId) throws Exception {
        http.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:"
                                                + restPort
                                                + "/jobs/"
                                                + jobId
                                                + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (taskManager != null) {
            taskManager.stop(Duration.ofSeconds(20));
        }
        if (jobManager != null) {
            jobManager.stop(Duration.ofSeconds(20));
        }
    }

    /** The --add-opens/--add-exports this JVM runs with: Flink needs them on Java 17. */
    private static List<String> moduleOpens() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports"))
                .toList();
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }
}
