package io.cere.stack.storage.node.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files that are either wholly there or not at all, and stay there after a crash: written to a
 * temporary file in the same directory, fsynced, renamed over the target (atomic on POSIX file
 * systems), then the directory is fsynced so the rename itself survives power loss.
 *
 * <p>Temporary files start with {@value #TEMPORARY_PREFIX}; a crash can leave them behind, and
 * {@link #deleteTemporaries} removes them at start.
 */
public final class DurableFiles {

    public static final String TEMPORARY_PREFIX = ".tmp-";

    private DurableFiles() {}

    /** Writes {@code content} to {@code target} durably, replacing what was there. */
    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary =
                dir.resolve(
                        TEMPORARY_PREFIX
                                + target.getFileName()
                                + "-"
                                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel channel =
                    FileChannel.open(
                            temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(
                    temporary,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory(dir);
    }

    /** Moves {@code source} to {@code target} atomically and durably (both directories fsynced). */
    public static void move(Path source, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.move(
                source,
                target,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.toAbsolutePath().getParent());
        syncDirectory(source.toAbsolutePath().getParent());
    }

    /** Deletes {@code file} if it exists, durably; returns whether it existed. */
    public static boolean delete(Path file) throws IOException {
        boolean existed = Files.deleteIfExists(file);
        if (existed) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
        return existed;
    }

    /** Makes the directory's entries (creations, renames, deletions) durable. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes every temporary file under {@code root}, left by writes a crash cut short. */
    public static int deleteTemporaries(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int[] deleted = {0};
        Files.walkFileTree(
                root,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                            throws IOException {
                        if (file.getFileName().toString().startsWith(TEMPORARY_PREFIX)) {
                            Files.deleteIfExists(file);
                            deleted[0]++;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return deleted[0];
    }
}
