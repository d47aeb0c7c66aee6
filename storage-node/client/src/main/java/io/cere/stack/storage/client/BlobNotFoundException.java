package io.cere.stack.storage.client;

import java.net.URI;

/** The cluster has no blob with the CID asked for (the node answered 404). */
public final class BlobNotFoundException extends StorageNodeException {

    private static final long serialVersionUID = 1L;

    BlobNotFoundException(URI node, String request, String error, String nodeMessage) {
        super(node, request, 404, error, nodeMessage);
    }
}
