package io.cere.stack.jobs.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {

    @TempDir Path dir;

    private Path checkpoint(String job, int n, Instant completed) throws Exception {
        Path chk = Files.createDirectories(dir.resolve(job).resolve("chk-" + n));
        Path metadata = Files.writeString(chk.resolve("_metadata"), "m");
        Files.setLastModifiedTime(metadata, FileTime.from(completed));
        return chk;
    }

    @Test
    void findsTheNewestCompletedCheckpointAcrossJobs() throws Exception {
        checkpoint("job-a", 7, Instant.parse("2026-11-21T08:00:00Z"));
        Path newest = checkpoint("job-b", 2, Instant.parse("2026-11-21T09:00:00Z"));
        checkpoint("job-b", 1, Instant.parse("2026-11-21T08:30:00Z"));
        Files.createDirectories(dir.resolve("job-c").resolve("chk-9")); // in progress: no _metadata

        assertThat(RetainedCheckpoints.latest(dir)).contains(newest);
    }

    @Test
    void findsNothingInAMissingOrEmptyDirectory() {
        assertThat(RetainedCheckpoints.latest(dir.resolve("none"))).isEmpty();
        assertThat(RetainedCheckpoints.latest(dir)).isEmpty();
    }

    @Test
    void prunesEveryOtherJobsCheckpoints() throws Exception {
        checkpoint("job-a", 7, Instant.parse("2026-11-21T08:00:00Z"));
        Path keep = checkpoint("job-b", 2, Instant.parse("2026-11-21T09:00:00Z"));
        checkpoint("job-b", 1, Instant.parse("2026-11-21T08:30:00Z"));

        assertThat(RetainedCheckpoints.pruneAllBut(dir, keep))
                .containsExactly(dir.resolve("job-a"));
        assertThat(dir.resolve("job-a")).doesNotExist();
        assertThat(keep.resolve("_metadata")).exists();
        assertThat(dir.resolve("job-b").resolve("chk-1")).exists();
    }
}
