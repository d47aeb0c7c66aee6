package io.cere.stack.servers.testutils;

/**
 * A server that does nothing until it is stopped: prints where its temp dir is, that it started,
 * and, from a shutdown hook, that it is stopping.
 */
public final class SleepingServer {

    public static final String STARTED = "sleeping-server started";
    public static final String STOPPING = "sleeping-server stopping";

    private SleepingServer() {}

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(STOPPING)));
        System.out.println("tmpdir=" + System.getProperty("java.io.tmpdir"));
        System.out.println(STARTED);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
