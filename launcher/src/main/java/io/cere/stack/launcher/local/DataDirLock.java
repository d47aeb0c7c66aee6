package io.cere.stack.launcher.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Makes sure one {@code cere local} at a time uses a data directory: two brokers on one Kafka log
 * or two Flink clusters on one checkpoint directory would corrupt each other. An OS file lock, so
 * it is released when the holder dies, however it dies.
 */
final class DataDirLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, or returns empty with the pid of the holder (as it wrote it) when another
     * process has it.
     */
    static Optional<DataDirLock> tryAcquire(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held by this very process.
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(
                ByteBuffer.wrap(
                        (ProcessHandle.current().pid() + "\n")
                                .getBytes(StandardCharsets.US_ASCII)));
        channel.force(false);
        return Optional.of(new DataDirLock(file, channel, lock));
    }

    /** The pid written by the current holder, or "unknown". */
    static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "unknown" : pid;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Releases the lock and removes the file. */
    @Override
    public void close() throws IOException {
        // Delete while holding the lock, so a starting launcher never locks a file about to vanish
        // and a second one then locks a new file next to it.
        Files.deleteIfExists(file);
        lock.release();
        channel.close();
    }
}
