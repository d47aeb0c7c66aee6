package io.cere.stack.launcher.local;

import io.cere.stack.launcher.DataDirectory;
import io.cere.stack.servers.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/** What the server JVMs the launcher starts have in common: class path, logging, layout. */
final class ServerJvms {

    static final String LOG4J_CONFIG = "log4j2-server.properties";

    private ServerJvms() {}

    /**
     * The launcher's own class path: it holds the gateway, the jobs and Flink. The broker is the
     * one server that gets another (see KafkaBroker).
     */
    static List<Path> ownClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .toList();
    }

    /**
     * A server JVM in the stack's layout: working directory the data directory, stdout and stderr
     * appended to {@code logs/<name>.log}, {@code java.io.tmpdir} {@code tmp/<name>}, the servers'
     * log4j configuration.
     */
    static ServerProcess.Builder builder(DataDirectory dirs, String name) {
        return ServerProcess.builder()
                .classPath(ownClassPath())
                .workingDir(dirs.root())
                .logFile(dirs.log(name))
                .tmpDir(dirs.tmp(name))
                .jvmOptions("-Dlog4j.configurationFile=" + dirs.conf().resolve(LOG4J_CONFIG));
    }

    /** Writes the servers' log4j configuration to {@code conf/}, replacing an older one. */
    static void writeLogConfig(DataDirectory dirs) throws IOException {
        Path target = dirs.conf().resolve(LOG4J_CONFIG);
        Files.createDirectories(target.getParent());
        try (InputStream in = ServerJvms.class.getResourceAsStream(LOG4J_CONFIG)) {
            if (in == null) {
                throw new IOException(
                        LOG4J_CONFIG + " is missing from the launcher's class path; rebuild it");
            }
            Path partial = target.resolveSibling(LOG4J_CONFIG + ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    partial,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * The piece of a server's command line that identifies it for the pid registry: its temp
     * directory, which no other process names.
     */
    static String commandLineHint(DataDirectory dirs, String name) {
        return "-Djava.io.tmpdir=" + dirs.tmp(name).toAbsolutePath();
    }
}
