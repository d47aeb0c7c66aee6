package io.cere.stack.launcher;

import java.nio.file.Path;

/**
 * The layout of the local stack's data directory ({@code .cere/}). What is under {@code kafka/},
 * {@code flink/}, {@code storage/} and {@code keys/} persists across runs; {@code run/} and {@code
 * tmp/} hold only what a running stack needs.
 */
public record DataDirectory(Path root) {

    public DataDirectory {
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("data directory must be absolute, got " + root);
        }
    }

    /** Pid records of the running servers. */
    public Path run() {
        return root.resolve("run");
    }

    /** One log file per server: {@code <name>.log}. */
    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String server) {
        return logs().resolve(server + ".log");
    }

    /** Each server's {@code java.io.tmpdir}; emptied when the stack stops. */
    public Path tmp() {
        return root.resolve("tmp");
    }

    public Path tmp(String server) {
        return tmp().resolve(server);
    }

    /** Configuration files written for the servers (log4j). */
    public Path conf() {
        return root.resolve("conf");
    }

    /** The Kafka broker's log directory. */
    public Path kafka() {
        return root.resolve("kafka");
    }

    /** Flink's retained checkpoints and working files. */
    public Path flink() {
        return root.resolve("flink");
    }

    /**
     * The storage cluster: its cluster file, each node's data directory, and the S3 access key (see
     * {@code StorageCluster} and {@code S3KeyFile}).
     */
    public Path storage() {
        return root.resolve("storage");
    }

    public Path keys() {
        return root.resolve("keys");
    }

    /** The key {@code keygen} writes and {@code send} signs with unless told otherwise. */
    public Path defaultKey() {
        return keys().resolve("default.json");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
