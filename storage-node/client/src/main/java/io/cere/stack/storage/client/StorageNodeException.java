package io.cere.stack.storage.client;

import java.io.IOException;
import java.net.URI;

/**
 * A storage node answered a request with an error. The message names the node, the request, the
 * status, the node's kind of error ({@code StorageUnavailable}, {@code BadRequest} ...) and the
 * node's own message, so a failure can be understood without the node's log.
 */
public class StorageNodeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final URI node;
    private final int status;
    private final String error;
    private final String nodeMessage;

    StorageNodeException(URI node, String request, int status, String error, String nodeMessage) {
        super(
                String.format(
                        "%s answered %s with %d %s: %s",
                        node, request, status, error, nodeMessage));
        this.node = node;
        this.status = status;
        this.error = error;
        this.nodeMessage = nodeMessage;
    }

    /** The node that answered. */
    public URI node() {
        return node;
    }

    /** The HTTP status: 400, 404, 409, 503 ... */
    public int status() {
        return status;
    }

    /** The node's kind of error, such as {@code StorageUnavailable}; the status text if none. */
    public String error() {
        return error;
    }

    /** The node's own message. */
    public String nodeMessage() {
        return nodeMessage;
    }
}
