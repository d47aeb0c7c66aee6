package io.cere.stack.storage.node.testutils;

import io.cere.stack.servers.FreePorts;
import io.cere.stack.servers.Readiness;
import io.cere.stack.servers.ServerProcess;
import io.cere.stack.storage.node.NodeMain;
import io.cere.stack.storage.node.StorageNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Storage nodes as the tests run them: each in its own supervised JVM (small heap), started from
 * the module's class path with {@link NodeMain}, logging through log4j into its own log file.
 */
public final class NodeProcesses {

    public static final String HEAP = "256m";
    private static final String CLASS_PATH_RESOURCE = "storage-node.classpath";

    private NodeProcesses() {}

    /** The class path of a node JVM: our classes, our runtime dependencies, a log4j backend. */
    public static List<Path> classPath() throws IOException {
        List<Path> entries = new ArrayList<>();
        entries.add(locationOf(StorageNode.class));
        String text;
        try (InputStream in = StorageNode.class.getResourceAsStream(CLASS_PATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        CLASS_PATH_RESOURCE + " is missing; the module's build writes it");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        for (String entry : text.split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry.trim()));
            }
        }
        entries.add(locationOf(org.apache.logging.slf4j.Log4jLoggerFactory.class));
        entries.add(locationOf(org.apache.logging.log4j.LogManager.class));
        entries.add(locationOf(org.apache.logging.log4j.core.LoggerContext.class));
        return entries;
    }

    /** Free loopback ports for {@code count} nodes. */
    public static int[] ports(int count) {
        return FreePorts.pick(count);
    }

    /**
     * Starts {@code NodeMain} with {@code args}; its working directory, log and temp files under
     * {@code dir}. Does not wait for it.
     */
    public static ServerProcess launch(String name, Path dir, List<String> args)
            throws IOException {
        Files.createDirectories(dir);
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(
                log4j,
                String.join(
                        "\n",
                        "status = warn",
                        "appender.console.type = Console",
                        "appender.console.name = console",
                        "appender.console.layout.type = PatternLayout",
                        "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n",
                        "rootLogger.level = info",
                        "rootLogger.appenderRef.console.ref = console",
                        ""));
        return ServerProcess.builder()
                .name(name)
                .mainClass(NodeMain.class.getName())
                .classPath(classPath())
                .args(args)
                .heap(HEAP)
                .jvmOptions(
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-XX:+UseSerialGC",
                        "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath().toUri())
                .workingDir(dir)
                .logFile(dir.resolve("node.log"))
                .start();
    }

    /** Waits for the node's "ready" line. */
    public static void awaitReady(ServerProcess process, Duration timeout)
            throws IOException, InterruptedException {
        process.waitUntil(timeout, Readiness.logContains(StorageNode.READY_LINE));
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }
}
