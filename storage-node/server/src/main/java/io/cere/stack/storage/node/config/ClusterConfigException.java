package io.cere.stack.storage.node.config;

/**
 * The cluster file, or a node's settings against it, cannot work: the message names the file, the
 * setting, the value and what was expected. Raised at start, before the node serves anything.
 */
public final class ClusterConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterConfigException(String message) {
        super(message);
    }

    public ClusterConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
