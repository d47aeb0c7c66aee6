package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.servers.testutils.ClassPaths;
import io.cere.stack.servers.testutils.CrashingServer;
import io.cere.stack.servers.testutils.Processes;
import io.cere.stack.servers.testutils.SleepingServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir Path dir;

    private ServerProcess server;

    @AfterEach
    void killServer() {
        if (server != null && server.isAlive()) {
            server.kill();
        }
    }

    private ServerProcess.Builder builder(Class<?> mainClass) {
        return ServerProcess.builder()
                .name("test server")
                .mainClass(mainClass.getName())
                .classPath(List.of(ClassPaths.locationOf(mainClass)))
                .heap("32m")
                .workingDir(dir)
                .logFile(dir.resolve("logs/server.log"));
    }

    @Test
    void reportsExitCodeAndLastLogLinesWhenTheServerDiesBeforeItIsReady() throws Exception {
        server = builder(CrashingServer.class).args("7").start();

        assertThatThrownBy(
                        () ->
                                server.waitUntil(
                                        TIMEOUT, Readiness.logContains("a line never printed")))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("test server (pid " + server.pid() + ") exited with code 7")
                .hasMessageContaining("\"a line never printed\" in the log")
                .hasMessageContaining("Last 40 lines of " + server.logFile())
                .hasMessageContaining("line 060")
                .hasMessageContaining("line 099")
                .hasMessageNotContaining("line 059");
    }

    @Test
    void reportsWhatItStillWaitsForWhenTheServerIsNotReadyInTime() throws Exception {
        server = builder(SleepingServer.class).start();
        int closedPort = FreePorts.pick();

        assertThatThrownBy(
                        () ->
                                server.waitUntil(
                                        Duration.ofSeconds(2),
                                        Readiness.logContains(SleepingServer.STARTED),
                                        Readiness.portAccepting("127.0.0.1", closedPort)))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("is not ready after")
                .hasMessageContaining("127.0.0.1:" + closedPort + " accepting connections")
                .hasMessageNotContaining("\"" + SleepingServer.STARTED + "\" in the log")
                .hasMessageContaining("still running")
                .hasMessageContaining(SleepingServer.STARTED);
    }

    @Test
    void ignoresWhatAnEarlierRunWroteToTheSameLog() throws Exception {
        Path log = dir.resolve("logs/server.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, SleepingServer.STARTED + "\n");
        server = builder(CrashingServer.class).args("0").start();

        assertThatThrownBy(
                        () ->
                                server.waitUntil(
                                        TIMEOUT, Readiness.logContains(SleepingServer.STARTED)))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("exited with code 0");
        assertThat(Files.readString(log)).startsWith(SleepingServer.STARTED + "\n");
    }

    @Test
    void givesTheServerItsOwnTempDirAndAPidFileWhileItRuns() throws Exception {
        Path tmp = dir.resolve("server-tmp");
        Path pidFile = dir.resolve("server.pid");
        server = builder(SleepingServer.class).tmpDir(tmp).pidFile(pidFile).start();
        server.waitUntil(TIMEOUT, Readiness.logContains(SleepingServer.STARTED));

        assertThat(Files.readString(server.logFile())).contains("tmpdir=" + tmp.toAbsolutePath());
        assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(server.pid()));

        server.stop(TIMEOUT);
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void stopLetsTheServerShutDownGracefully() throws Exception {
        server = builder(SleepingServer.class).start();
        server.waitUntil(TIMEOUT, Readiness.logContains(SleepingServer.STARTED));

        int code = server.stop(TIMEOUT);

        assertThat(code).as("exit code after SIGTERM").isEqualTo(143);
        assertThat(Files.readString(server.logFile())).contains(SleepingServer.STOPPING);
    }

    @Test
    void stopResumesASuspendedServerSoItCanShutDownGracefully() throws Exception {
        server = builder(SleepingServer.class).start();
        server.waitUntil(TIMEOUT, Readiness.logContains(SleepingServer.STARTED));

        server.suspend();
        assertThat(Processes.await(TIMEOUT, () -> Processes.state(server.pid()) == 'T'))
                .as("pid %d stopped by SIGSTOP", server.pid())
                .isTrue();
        server.resume();
        assertThat(Processes.await(TIMEOUT, () -> Processes.state(server.pid()) != 'T'))
                .as("pid %d running again after SIGCONT", server.pid())
                .isTrue();
        server.suspend();
        int code = server.stop(TIMEOUT);

        assertThat(code).as("exit code after SIGTERM, not SIGKILL").isEqualTo(143);
        assertThat(Files.readString(server.logFile())).contains(SleepingServer.STOPPING);
    }

    @Test
    void killEndsTheServerAtOnceWithoutShutdownHooks() throws Exception {
        server = builder(SleepingServer.class).start();
        server.waitUntil(TIMEOUT, Readiness.logContains(SleepingServer.STARTED));

        server.kill();

        assertThat(server.isAlive()).isFalse();
        assertThat(server.exitCode()).hasValue(137);
        assertThat(Files.readString(server.logFile())).doesNotContain(SleepingServer.STOPPING);
    }
}
