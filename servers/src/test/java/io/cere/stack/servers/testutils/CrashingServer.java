package io.cere.stack.servers.testutils;

/** A server that prints {@code line 000} to {@code line 099} and exits with the code in args[0]. */
public final class CrashingServer {

    private CrashingServer() {}

    public static void main(String[] args) {
        for (int i = 0; i < 100; i++) {
            System.out.printf("line %03d%n", i);
        }
        System.out.flush();
        System.exit(Integer.parseInt(args[0]));
    }
}
