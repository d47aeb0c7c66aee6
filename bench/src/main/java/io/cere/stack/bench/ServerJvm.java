package io.cere.stack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One JVM of a server under test, named as the report names it ({@code node-3}, {@code s3proxy}),
 * whose CPU time is read from {@code /proc}, as {@link BenchKafka#brokerCpuNanos()} does.
 */
record ServerJvm(String name, long pid) {

    /** Linux's USER_HZ, the unit of the times in {@code /proc/<pid>/stat}. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /**
     * CPU time (user + system) the process has used so far; empty where {@code /proc} is absent or
     * the process is gone.
     */
    OptionalLong cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces:
            // state(3) ... utime(14) stime(15), so utime and stime are the 12th and 13th here.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * NANOS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
