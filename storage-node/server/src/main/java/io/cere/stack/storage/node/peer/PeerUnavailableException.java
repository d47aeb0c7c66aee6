package io.cere.stack.storage.node.peer;

import io.cere.stack.storage.node.config.ClusterMember;
import java.io.IOException;

/**
 * A node did not give a usable answer: it could not be reached, did not answer in time, or failed
 * the request. Callers move on to another node; the message names the node and what happened.
 */
public final class PeerUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient ClusterMember member;

    public PeerUnavailableException(ClusterMember member, String message, Throwable cause) {
        super("node " + member + ": " + message, cause);
        this.member = member;
    }

    public ClusterMember member() {
        return member;
    }
}
