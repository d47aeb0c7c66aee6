package io.cere.stack.launcher;

/**
 * A command could not do what was asked, for a reason the user can act on: the message says what
 * and, where possible, what to do. Printed without a stack trace.
 */
public final class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CommandFailedException(String message) {
        this(message, null);
    }

    public CommandFailedException(String message, Throwable cause) {
        this(1, message, cause);
    }

    public CommandFailedException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        if (exitCode == 0) {
            throw new IllegalArgumentException("a failed command cannot exit with code 0");
        }
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
