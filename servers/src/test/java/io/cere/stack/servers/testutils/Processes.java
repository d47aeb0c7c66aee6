package io.cere.stack.servers.testutils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Process state as the OS reports it, and polling with a deadline. */
public final class Processes {

    private Processes() {}

    /**
     * Whether {@code pid} runs. An exited process that nobody has reaped yet (a zombie, state Z)
     * does not count: an orphan's exit is reaped by init, whenever init gets to it.
     */
    public static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && state(pid) != 'Z';
    }

    /** The state letter from {@code /proc/<pid>/stat}: R, S, T (stopped), Z, ...; '?' if gone. */
    public static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (command) S ...": the command may hold spaces and parentheses.
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (NoSuchFileException e) {
            return '?';
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the state of pid " + pid, e);
        }
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code timeout} passes. */
    public static boolean await(Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
