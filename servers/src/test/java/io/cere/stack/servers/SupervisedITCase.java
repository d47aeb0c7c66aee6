package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.servers.testutils.ClassPaths;
import io.cere.stack.servers.testutils.Processes;
import io.cere.stack.servers.testutils.SleepingServerLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisedITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir Path dir;

    @Test
    void serverExitsWhenTheProcessThatStartedItIsKilled() throws Exception {
        Path serverDir = dir.resolve("server");
        ServerProcess launcher =
                ServerProcess.builder()
                        .name("stand-in launcher")
                        .mainClass(SleepingServerLauncher.class.getName())
                        .classPath(
                                List.of(
                                        ClassPaths.locationOf(SleepingServerLauncher.class),
                                        ClassPaths.locationOf(ServerProcess.class)))
                        .args(serverDir.toString())
                        .heap("64m")
                        .workingDir(dir.resolve("launcher"))
                        .logFile(dir.resolve("launcher/launcher.log"))
                        .start();
        long serverPid = -1;
        try {
            launcher.waitUntil(TIMEOUT, Readiness.logContains(SleepingServerLauncher.CHILD_PID));
            serverPid = childPid(launcher.logFile());
            assertThat(Processes.isRunning(serverPid)).as("server pid %d runs", serverPid).isTrue();

            launcher.kill();

            long pid = serverPid;
            assertThat(Processes.await(TIMEOUT, () -> !Processes.isRunning(pid)))
                    .as("server pid %d exits after its launcher was killed", pid)
                    .isTrue();
            assertThat(Files.readString(serverDir.resolve("server.log")))
                    .contains("parent process " + launcher.pid() + " exited");
        } finally {
            launcher.kill();
            if (serverPid > 0) {
                ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static long childPid(Path launcherLog) throws Exception {
        return Files.readAllLines(launcherLog).stream()
                .filter(line -> line.startsWith(SleepingServerLauncher.CHILD_PID))
                .map(
                        line ->
                                Long.parseLong(
                                        line.substring(SleepingServerLauncher.CHILD_PID.length())))
                .findFirst()
                .orElseThrow();
    }
}
