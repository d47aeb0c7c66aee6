package io.cere.stack.servers;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The pid registry of a running stack ({@code .cere/run/}): one {@code <name>.pid} file per server,
 * recording its pid, a piece of its command line, its start time, and the launcher that started it.
 *
 * <p>On start the launcher calls {@link #reapStale()}, which stops the servers an earlier run left
 * behind when it crashed. A record is only acted on when its launcher is gone, and a process is
 * only killed when it is still the one recorded: same start time (where the OS reports one) and a
 * command line containing the recorded hint. A pid reused by an unrelated process is never killed.
 */
public final class RunDirectory {

    private static final System.Logger LOG = System.getLogger(RunDirectory.class.getName());

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String SUFFIX = ".pid";
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    // Linux derives start times from the boot time, which two JVMs may read a second apart.
    private static final long START_TIME_TOLERANCE_MILLIS = 2_000;

    /** What {@link #reapStale} did about one record; every such record is removed. */
    public enum Outcome {
        /** The recorded server was still running and has been stopped. */
        KILLED,
        /** The recorded process had already exited. */
        ALREADY_EXITED,
        /** The pid is alive but is not the recorded server (reused pid); left running. */
        NOT_THE_RECORDED_PROCESS,
        /** The record could not be read; removed, nothing killed. */
        UNREADABLE
    }

    /** One record cleaned up by {@link #reapStale}; {@code pid} is -1 for an unreadable record. */
    public record StaleServer(String name, long pid, Outcome outcome) {}

    private final Path dir;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Records a running server. {@code commandLineHint} must appear in the server's command line
     * and identify it, e.g. the absolute path of its config file.
     */
    public void register(String name, long pid, String commandLineHint) throws IOException {
        register(name, pid, commandLineHint, ProcessHandle.current());
    }

    void register(String name, long pid, String commandLineHint, ProcessHandle launcher)
            throws IOException {
        checkName(name);
        if (commandLineHint == null || commandLineHint.isBlank()) {
            throw new IllegalArgumentException(
                    "commandLineHint for "
                            + name
                            + " is empty; expected a piece of its command line");
        }
        Properties record = new Properties();
        record.setProperty("pid", Long.toString(pid));
        record.setProperty("command-line-hint", commandLineHint);
        startMillis(pid).ifPresent(t -> record.setProperty("start-millis", Long.toString(t)));
        record.setProperty("launcher-pid", Long.toString(launcher.pid()));
        launcher.info()
                .startInstant()
                .ifPresent(
                        t ->
                                record.setProperty(
                                        "launcher-start-millis", Long.toString(t.toEpochMilli())));
        StringWriter text = new StringWriter();
        record.store(text, "Registered " + Instant.now());
        ServerProcess.writeAtomically(file(name), text.toString());
    }

    /** Removes a server's record, if there is one. */
    public void unregister(String name) throws IOException {
        checkName(name);
        Files.deleteIfExists(file(name));
    }

    /** {@link #reapStale(Duration)} with 10 s for each server to stop after SIGTERM. */
    public List<StaleServer> reapStale() throws IOException {
        return reapStale(DEFAULT_GRACE);
    }

    /**
     * Cleans up the records of launchers that are gone: kills their servers that still run
     * (SIGTERM, then SIGKILL after {@code grace}) and removes the records. Records of a launcher
     * that is still running, this one included, are left alone. Returns what was cleaned.
     */
    public List<StaleServer> reapStale(Duration grace) throws IOException {
        List<StaleServer> cleaned = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return cleaned;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            stream.forEach(files::add);
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - SUFFIX.length());
            Optional<StaleServer> stale = reap(name, file, grace);
            if (stale.isPresent()) {
                StaleServer s = stale.get();
                cleaned.add(s);
                LOG.log(
                        System.Logger.Level.INFO,
                        "Cleaned up after an earlier run: "
                                + s.name()
                                + " (pid "
                                + s.pid()
                                + ") "
                                + describe(s.outcome()));
            }
        }
        return cleaned;
    }

    private Optional<StaleServer> reap(String name, Path file, Duration grace) throws IOException {
        Properties record = new Properties();
        long pid;
        String hint;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            record.load(reader);
            pid = Long.parseLong(record.getProperty("pid", "").trim());
            hint = record.getProperty("command-line-hint", "");
            if (hint.isBlank()) {
                throw new IllegalArgumentException("no command-line-hint");
            }
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed meanwhile by its owner
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Removing unreadable pid record " + file + ": " + e);
            Files.deleteIfExists(file);
            return Optional.of(new StaleServer(name, -1, Outcome.UNREADABLE));
        }
        if (isAlive(record, "launcher-pid", "launcher-start-millis")) {
            return Optional.empty();
        }
        Outcome outcome;
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            outcome = Outcome.ALREADY_EXITED;
        } else if (!isAlive(record, "pid", "start-millis")
                || !commandLineContains(process.get(), hint)) {
            outcome = Outcome.NOT_THE_RECORDED_PROCESS;
        } else {
            stop(process.get(), name, grace);
            outcome = Outcome.KILLED;
        }
        Files.deleteIfExists(file);
        return Optional.of(new StaleServer(name, pid, outcome));
    }

    /**
     * Whether the process recorded under {@code pidKey} runs, with the recorded start time if any.
     */
    private static boolean isAlive(Properties record, String pidKey, String startKey) {
        Optional<Long> pid = number(record, pidKey);
        if (pid.isEmpty() || ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive).isEmpty()) {
            return false;
        }
        Optional<Long> recordedStart = number(record, startKey);
        Optional<Long> actualStart = startMillis(pid.get());
        return recordedStart.isEmpty()
                || actualStart.isEmpty()
                || Math.abs(actualStart.get() - recordedStart.get()) <= START_TIME_TOLERANCE_MILLIS;
    }

    private static Optional<Long> number(Properties record, String key) {
        try {
            return Optional.of(Long.parseLong(record.getProperty(key, "").trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean commandLineContains(ProcessHandle process, String hint) {
        // An unknown command line cannot prove the process is ours: leave it alone.
        return process.info().commandLine().map(c -> c.contains(hint)).orElse(false);
    }

    private static void stop(ProcessHandle process, String name, Duration grace)
            throws IOException {
        process.destroy();
        if (awaitExit(process, grace)) {
            return;
        }
        LOG.log(
                System.Logger.Level.WARNING,
                String.format(
                        "%s (pid %d) left by an earlier run ignored SIGTERM for %d s; killing it",
                        name, process.pid(), grace.toSeconds()));
        process.destroyForcibly();
        if (!awaitExit(process, KILL_WAIT)) {
            throw new IOException(
                    name
                            + " (pid "
                            + process.pid()
                            + ") left by an earlier run is still running "
                            + KILL_WAIT.toSeconds()
                            + " s after SIGKILL");
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws IOException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IOException("Could not wait for pid " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping pid " + process.pid(), e);
        }
    }

    private static Optional<Long> startMillis(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(p -> p.info().startInstant())
                .map(Instant::toEpochMilli);
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case KILLED -> "was still running and has been stopped";
            case ALREADY_EXITED -> "had already exited";
            case NOT_THE_RECORDED_PROCESS -> "pid now belongs to another process, left running";
            case UNREADABLE -> "record was unreadable";
        };
    }

    private Path file(String name) {
        return dir.resolve(name + SUFFIX);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "server name is '" + name + "'; expected letters, digits, '.', '_' or '-'");
        }
    }
}
