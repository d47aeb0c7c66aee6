package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.servers.RunDirectory.Outcome;
import io.cere.stack.servers.RunDirectory.StaleServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir Path dir;

    private RunDirectory run;
    private final List<Process> started = new ArrayList<>();

    /** A launcher that has exited, as after a crash. */
    private ProcessHandle crashedLauncher;

    @BeforeEach
    void setUp() throws Exception {
        run = new RunDirectory(dir.resolve("run"));
        crashedLauncher = exited();
    }

    @AfterEach
    void killStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void removesTheRecordOfAProcessThatHasExited() throws Exception {
        ProcessHandle server = exited();
        run.register("kafka", server.pid(), "server.properties", crashedLauncher);

        List<StaleServer> cleaned = run.reapStale();

        assertThat(cleaned)
                .containsExactly(new StaleServer("kafka", server.pid(), Outcome.ALREADY_EXITED));
        assertThat(run.dir()).isEmptyDirectory();
    }

    @Test
    void leavesALiveProcessRunningWhenItsCommandLineDoesNotMatch() throws Exception {
        Process unrelated = sleep("3601");
        run.register("kafka", unrelated.pid(), "/nowhere/server.properties", crashedLauncher);

        List<StaleServer> cleaned = run.reapStale();

        assertThat(cleaned)
                .containsExactly(
                        new StaleServer(
                                "kafka", unrelated.pid(), Outcome.NOT_THE_RECORDED_PROCESS));
        assertThat(unrelated.isAlive()).isTrue();
        assertThat(run.dir()).isEmptyDirectory();
    }

    @Test
    void killsALiveProcessLeftByACrashedLauncher() throws Exception {
        Process leftOver = sleep("3602");
        run.register("kafka", leftOver.pid(), "3602", crashedLauncher);

        List<StaleServer> cleaned = run.reapStale(Duration.ofSeconds(10));

        assertThat(cleaned)
                .containsExactly(new StaleServer("kafka", leftOver.pid(), Outcome.KILLED));
        assertThat(leftOver.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(run.dir()).isEmptyDirectory();
    }

    @Test
    void leavesTheRecordsOfARunningLauncherAlone() throws Exception {
        Process server = sleep("3603");
        run.register("kafka", server.pid(), "3603");

        assertThat(run.reapStale()).isEmpty();
        assertThat(server.isAlive()).isTrue();
        assertThat(run.dir().resolve("kafka.pid")).exists();
    }

    @Test
    void removesAnUnreadableRecordWithoutKillingAnything() throws Exception {
        Files.createDirectories(run.dir());
        Files.writeString(run.dir().resolve("kafka.pid"), "pid=not-a-number\n");

        assertThat(run.reapStale())
                .containsExactly(new StaleServer("kafka", -1, Outcome.UNREADABLE));
        assertThat(run.dir()).isEmptyDirectory();
    }

    @Test
    void unregisterRemovesTheRecord() throws Exception {
        run.register("kafka", ProcessHandle.current().pid(), "java");
        run.unregister("kafka");

        assertThat(run.dir()).isEmptyDirectory();
    }

    @Test
    void rejectsNamesThatAreNotPlainFileNames() {
        assertThatThrownBy(() -> run.register("../kafka", 1, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../kafka'");
    }

    private Process sleep(String seconds) throws IOException {
        Process process = new ProcessBuilder("sleep", seconds).start();
        started.add(process);
        return process;
    }

    private static ProcessHandle exited() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.toHandle();
    }
}
