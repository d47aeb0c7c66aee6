package io.cere.stack.jobs.checkpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest completed checkpoint under a checkpoint directory ({@code <dir>/<job
 * id>/chk-<n>/_metadata}), so a local stack restarted after a stop or a crash resumes where it
 * stopped instead of re-reading from committed offsets.
 */
public final class RetainedCheckpoints {

    private RetainedCheckpoints() {}

    public static Optional<Path> latest(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpointDir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(RetainedCheckpoints::completed)
                    .max(Comparator.comparing(RetainedCheckpoints::modified))
                    .map(Path::getParent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + checkpointDir, e);
        }
    }

    /**
     * Deletes the checkpoint directories of earlier runs except the one holding {@code keep}: every
     * start is a new job, and Flink's retention limit counts per job, so without this each run
     * would leave its last checkpoints behind for ever.
     *
     * @return the job directories deleted
     */
    public static List<Path> pruneAllBut(Path checkpointDir, Path keep) {
        Path keepJob = keep.getParent();
        List<Path> deleted = new ArrayList<>();
        try (Stream<Path> jobs = Files.list(checkpointDir)) {
            for (Path job : jobs.filter(Files::isDirectory).toList()) {
                if (!job.equals(keepJob)) {
                    deleteRecursively(job);
                    deleted.add(job);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune checkpoints in " + checkpointDir, e);
        }
        return deleted;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Stream<Path> completed(Path jobDir) {
        try (Stream<Path> entries = Files.list(jobDir)) {
            return entries
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .map(p -> p.resolve("_metadata"))
                    .filter(Files::isRegularFile)
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + jobDir, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
