package io.cere.stack.servers;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One server running in its own JVM, started by this process. Its class path never mixes with ours;
 * its stdout and stderr are appended to a log file (not a pipe, so the server keeps running and
 * logging if we die); its {@code java.io.tmpdir} is a directory of its own, never the system temp
 * directory.
 *
 * <p>By default the server's main class runs under {@link Supervised}, which ends the server when
 * this process is gone, however it ended. A {@code ServerProcess} is one run of the server: to
 * restart, start a new one.
 */
public final class ServerProcess {

    private static final System.Logger LOG = System.getLogger(ServerProcess.class.getName());

    static final int LOG_LINES_IN_ERRORS = 40;
    private static final long POLL_MILLIS = 100;
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final LogSection log;
    private final Path pidFile;
    private volatile boolean suspended;

    private ServerProcess(String name, Process process, LogSection log, Path pidFile) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the server is, for messages: {@code "Kafka broker"}. */
    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file the server's stdout and stderr are appended to. */
    public Path logFile() {
        return log.file();
    }

    /** The exit code once the process has ended; empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Waits up to {@code timeout} for the process to end; its exit code, or empty if it runs on.
     */
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toNanos(), NANOSECONDS)
                ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    /**
     * Polls until every condition is met. Fails at once if the process exits, and after {@code
     * timeout} otherwise; the exception says what was still missing and ends with the last lines of
     * the log. The process is left as it is: stop or kill it if the wait fails.
     */
    public void waitUntil(Duration timeout, Readiness... conditions)
            throws ServerStartException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        List<Readiness> pending = new ArrayList<>(Arrays.asList(conditions));
        while (true) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                Readiness condition = it.next();
                try {
                    if (condition.isMet(this)) {
                        it.remove();
                    }
                } catch (IOException e) {
                    throw new ServerStartException(
                            this + ": could not check " + condition + ": " + e, e);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (!process.isAlive()) {
                throw new ServerStartException(
                        String.format(
                                "%s %s before it was ready (still waiting for %s).%n%s",
                                this,
                                describeExit(process.exitValue()),
                                pending,
                                log.describeTail(LOG_LINES_IN_ERRORS)));
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ServerStartException(
                        String.format(
                                "%s is not ready after %.1f s (still waiting for %s); the process"
                                        + " is still running.%n%s",
                                this,
                                (System.nanoTime() - started) / 1e9,
                                pending,
                                log.describeTail(LOG_LINES_IN_ERRORS)));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Asks the server to stop (SIGTERM, so its shutdown hooks run), waits up to {@code grace}, then
     * kills it (SIGKILL). A suspended server is resumed first, or it could not act on the SIGTERM.
     * Returns the exit code.
     */
    public int stop(Duration grace) {
        if (process.isAlive()) {
            if (suspended) {
                try {
                    resume();
                } catch (IOException e) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            this + ": could not resume before stop",
                            e);
                }
            }
            process.destroy();
            if (!awaitExitUninterruptibly(grace)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        this
                                + " did not stop within "
                                + grace.toSeconds()
                                + " s of SIGTERM; killing it");
                process.destroyForcibly();
                awaitExitOrFail(KILL_WAIT);
            }
        }
        deletePidFile();
        return process.exitValue();
    }

    /** Kills the server at once (SIGKILL), as a crash would; for failure tests. */
    public void kill() {
        process.destroyForcibly();
        awaitExitOrFail(KILL_WAIT);
        suspended = false;
        deletePidFile();
    }

    /** Freezes the server (SIGSTOP): it holds its ports but answers nothing; for overload tests. */
    public void suspend() throws IOException {
        signal("STOP");
        suspended = true;
    }

    /** Lets a suspended server run again (SIGCONT). */
    public void resume() throws IOException {
        signal("CONT");
        suspended = false;
    }

    LogSection logSinceStart() {
        return log;
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    private void signal(String signal) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException(this + " is not running, cannot send SIG" + signal);
        }
        Process kill =
                new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                        .redirectErrorStream(true)
                        .start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (kill.waitFor() != 0) {
                throw new IOException(
                        "kill -" + signal + " " + process.pid() + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending SIG" + signal + " to " + this, e);
        }
    }

    private void awaitExitOrFail(Duration timeout) {
        if (!awaitExitUninterruptibly(timeout)) {
            throw new IllegalStateException(
                    this + " is still running " + timeout.toSeconds() + " s after SIGKILL");
        }
    }

    /** Waits for the exit; if interrupted, kills the process so it cannot outlive the caller. */
    private boolean awaitExitUninterruptibly(Duration timeout) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    return process.waitFor(Math.max(0, deadline - System.nanoTime()), NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    process.destroyForcibly();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deletePidFile() {
        if (pidFile == null) {
            return;
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not delete pid file " + pidFile, e);
        }
    }

    static String describeExit(int code) {
        if (code > 128 && code < 160) {
            return "exited with code " + code + " (signal " + (code - 128) + ")";
        }
        return "exited with code " + code;
    }

    /** Describes a JVM to start. Required: name, main class, class path, working dir, log file. */
    public static final class Builder {

        private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

        private String name;
        private String mainClass;
        private final List<Path> classPath = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private String heap = "256m";
        private Path workingDir;
        private Path logFile;
        private Path pidFile;
        private Path tmpDir;
        private boolean supervised = true;
        private Path javaExecutable;
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder() {}

        /** What the server is, for messages and the log: {@code "Kafka broker"}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        /** The server's class path; ours is never added (see {@link #supervised}). */
        public Builder classPath(List<Path> entries) {
            classPath.addAll(entries);
            return this;
        }

        public Builder args(List<String> args) {
            this.args.addAll(args);
            return this;
        }

        public Builder args(String... args) {
            return args(Arrays.asList(args));
        }

        /**
         * Extra JVM options, placed after ours so they win: {@code -XX:+UseG1GC}, {@code -Dx=y}.
         */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(Arrays.asList(options));
            return this;
        }

        /** Maximum heap, as for {@code -Xmx}: {@code 512m}, {@code 1g}. Default {@code 256m}. */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        public Builder workingDir(Path workingDir) {
            this.workingDir = workingDir;
            return this;
        }

        /** Where stdout and stderr go; appended to, so a restart keeps the earlier runs' lines. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** A file holding the pid while the server runs; written after start, deleted on stop. */
        public Builder pidFile(Path pidFile) {
            this.pidFile = pidFile;
            return this;
        }

        /**
         * The server's {@code java.io.tmpdir} and {@code TMPDIR}. Default: {@code workingDir/tmp}.
         */
        public Builder tmpDir(Path tmpDir) {
            this.tmpDir = tmpDir;
            return this;
        }

        /**
         * Whether the server runs under {@link Supervised} and so exits when this process is gone.
         * Default true.
         */
        public Builder supervised(boolean supervised) {
            this.supervised = supervised;
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** The {@code java} to run. Default: the one running this process. */
        public Builder javaExecutable(Path javaExecutable) {
            this.javaExecutable = javaExecutable;
            return this;
        }

        public ServerProcess start() throws IOException {
            sanityCheck();
            Path tmp = tmpDir != null ? tmpDir : workingDir.resolve("tmp");
            Files.createDirectories(workingDir);
            Files.createDirectories(tmp);
            Path logDir = logFile.toAbsolutePath().getParent();
            Files.createDirectories(logDir);
            List<String> command =
                    new JavaCommand(
                                    javaExecutable != null
                                            ? javaExecutable
                                            : JavaCommand.currentJava(),
                                    heap,
                                    tmp.toAbsolutePath(),
                                    logDir,
                                    jvmOptions,
                                    classPath,
                                    supervised,
                                    mainClass,
                                    args)
                            .toList();

            Files.writeString(
                    logFile,
                    String.format(
                            "--- %s starting %s: %s%n",
                            Instant.now(), name, JavaCommand.display(command)),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            LogSection log = LogSection.startingAtEndOf(logFile);
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(workingDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().put("TMPDIR", tmp.toAbsolutePath().toString());
            builder.environment().putAll(environment);
            Process process = builder.start();
            // The server reads nothing; an open pipe would only tie it to us.
            process.getOutputStream().close();
            ServerProcess server = new ServerProcess(name, process, log, pidFile);
            if (pidFile != null) {
                try {
                    writeAtomically(pidFile, process.pid() + "\n");
                } catch (IOException e) {
                    server.kill();
                    throw new IOException(
                            "Could not write pid file " + pidFile + " for " + server, e);
                }
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "Started " + server + ", log " + logFile);
            return server;
        }

        private void sanityCheck() {
            require(
                    name != null && !name.isBlank(),
                    "name",
                    name,
                    "a description such as \"Kafka broker\"");
            require(
                    mainClass != null && !mainClass.isBlank(),
                    "mainClass",
                    mainClass,
                    "a class name");
            require(!classPath.isEmpty(), "classPath", classPath, "at least one entry");
            require(workingDir != null, "workingDir", null, "a directory");
            require(logFile != null, "logFile", null, "a file");
            require(
                    heap != null && HEAP.matcher(heap).matches(),
                    "heap",
                    heap,
                    "a size such as 512m");
        }

        private static void require(boolean ok, String field, Object value, String expected) {
            if (!ok) {
                throw new IllegalArgumentException(
                        "ServerProcess." + field + " is " + value + "; expected " + expected);
            }
        }
    }

    /** Replaces {@code file} in one step, so a reader never sees half of it. */
    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "." + file.getFileName(), ".partial");
        try {
            Files.write(partial, content);
            Files.move(
                    partial,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    static void writeAtomically(Path file, String content) throws IOException {
        writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
