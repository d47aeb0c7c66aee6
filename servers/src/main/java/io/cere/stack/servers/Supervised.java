package io.cere.stack.servers;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Runs a server's main class and ends the JVM when the process that started it is gone, so a server
 * never outlives a launcher that crashed or was killed:
 *
 * <pre>java -cp &lt;this class + server class path&gt; io.cere.stack.servers.Supervised
 *     &lt;parentPid&gt; &lt;mainClass&gt; args...</pre>
 *
 * <p>A daemon thread polls the parent every {@value #POLL_MILLIS} ms: gone means it has exited (a
 * pid reused by another process does not count as alive) or, when it was our direct parent, that we
 * have been handed to another parent (which happens the moment a parent dies, before anyone reaps
 * it). Then {@link System#exit} runs the server's shutdown hooks; if they take longer than {@value
 * #HALT_AFTER_MILLIS_PROPERTY} (default {@value #DEFAULT_HALT_AFTER_MILLIS} ms), the JVM halts.
 *
 * <p>This class is copied alone onto the server's class path (see {@link ServerProcess}), so it
 * uses only the JDK and must not have nested or anonymous classes (lambdas are fine).
 */
public final class Supervised {

    /** The exit code when the parent is gone. */
    public static final int PARENT_GONE_EXIT_CODE = 3;

    public static final String HALT_AFTER_MILLIS_PROPERTY = "cere.supervised.halt-after-ms";
    static final long DEFAULT_HALT_AFTER_MILLIS = 15_000;
    static final long POLL_MILLIS = 500;

    private Supervised() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("Usage: Supervised <parentPid> <mainClass> [args...]");
            System.exit(2);
        }
        long parentPid;
        try {
            parentPid = Long.parseLong(args[0]);
        } catch (NumberFormatException e) {
            System.err.println("Supervised: parentPid is '" + args[0] + "'; expected a number");
            System.exit(2);
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            say("parent process " + parentPid + " is already gone; not starting " + args[1]);
            System.exit(PARENT_GONE_EXIT_CODE);
        }
        watch(parent.get(), args[1]);

        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new IllegalArgumentException(args[1] + ".main(String[]) is not static");
        }
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watch(ProcessHandle parent, String mainClass) {
        boolean directChild =
                ProcessHandle.current().parent().map(p -> p.pid() == parent.pid()).orElse(false);
        Thread watcher =
                new Thread(
                        () -> {
                            while (parent.isAlive() && (!directChild || isChildOf(parent.pid()))) {
                                try {
                                    Thread.sleep(POLL_MILLIS);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                            say(
                                    "parent process "
                                            + parent.pid()
                                            + " exited; stopping "
                                            + mainClass);
                            haltLater();
                            System.exit(PARENT_GONE_EXIT_CODE);
                        },
                        "supervised-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static boolean isChildOf(long pid) {
        return ProcessHandle.current().parent().map(p -> p.pid() == pid).orElse(false);
    }

    private static void haltLater() {
        long haltAfter = Long.getLong(HALT_AFTER_MILLIS_PROPERTY, DEFAULT_HALT_AFTER_MILLIS);
        Thread halter =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(haltAfter);
                            } catch (InterruptedException e) {
                                // halt now rather than never
                            }
                            say("shutdown took longer than " + haltAfter + " ms; halting");
                            Runtime.getRuntime().halt(PARENT_GONE_EXIT_CODE);
                        },
                        "supervised-halt");
        halter.setDaemon(true);
        halter.start();
    }

    private static void say(String message) {
        System.err.println("[" + Instant.now() + "] Supervised: " + message);
        System.err.flush();
    }
}
