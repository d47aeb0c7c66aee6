package io.cere.stack.servers;

import java.io.IOException;

/**
 * A server could not be started: its port was taken, it exited early, or it was not ready in time.
 * The message says which server, what was expected, and carries the end of the server's log.
 */
public final class ServerStartException extends IOException {

    private static final long serialVersionUID = 1L;

    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
