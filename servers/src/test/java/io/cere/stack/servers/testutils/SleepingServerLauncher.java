package io.cere.stack.servers.testutils;

import io.cere.stack.servers.Readiness;
import io.cere.stack.servers.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Stands in for the launcher: starts a {@link SleepingServer} under supervision in {@code args[0]},
 * prints {@code child-pid=<pid>} once it runs, then waits to be killed.
 */
public final class SleepingServerLauncher {

    public static final String CHILD_PID = "child-pid=";

    private SleepingServerLauncher() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ServerProcess child =
                ServerProcess.builder()
                        .name("sleeping server")
                        .mainClass(SleepingServer.class.getName())
                        .classPath(List.of(ClassPaths.locationOf(SleepingServer.class)))
                        .heap("32m")
                        .workingDir(dir)
                        .logFile(dir.resolve("server.log"))
                        .start();
        child.waitUntil(Duration.ofSeconds(30), Readiness.logContains(SleepingServer.STARTED));
        System.out.println(CHILD_PID + child.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
