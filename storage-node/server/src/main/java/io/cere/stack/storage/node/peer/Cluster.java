package io.cere.stack.storage.node.peer;

import io.cere.stack.storage.node.config.ClusterMember;
import io.cere.stack.storage.node.placement.RendezvousPlacement;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The cluster as one node sees it: every member as a {@link ClusterNode} (this node's own stores
 * among them) and the rendezvous ranking that says which nodes a key belongs on.
 */
public final class Cluster {

    private final LocalNode self;
    private final Map<String, ClusterNode> nodes;
    private final RendezvousPlacement placement;

    /**
     * @param nodes every member, {@code self} included, in the order of the cluster file
     */
    public Cluster(LocalNode self, List<ClusterNode> nodes) {
        this.self = Objects.requireNonNull(self, "self");
        Map<String, ClusterNode> byId = new LinkedHashMap<>();
        for (ClusterNode node : nodes) {
            if (byId.put(node.member().id(), node) != null) {
                throw new IllegalArgumentException("nodes lists " + node.member().id() + " twice");
            }
        }
        if (byId.get(self.member().id()) != self) {
            throw new IllegalArgumentException(
                    "nodes does not list this node (" + self.member().id() + ") as itself");
        }
        this.nodes = byId;
        this.placement = new RendezvousPlacement(nodes.stream().map(ClusterNode::member).toList());
    }

    public LocalNode self() {
        return self;
    }

    public String selfId() {
        return self.member().id();
    }

    /** Every node, in the order of the cluster file. */
    public List<ClusterNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public int size() {
        return nodes.size();
    }

    /**
     * @throws IllegalArgumentException when no member has this id (a manifest naming a node that
     *     has left the cluster)
     */
    public ClusterNode node(String id) {
        ClusterNode node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node '" + id + "' in the cluster");
        }
        return node;
    }

    public boolean contains(String id) {
        return nodes.containsKey(id);
    }

    /** Every node, highest rendezvous weight for {@code key} first. */
    public List<ClusterNode> rank(byte[] key) {
        return placement.rank(key).stream().map(member -> nodes.get(member.id())).toList();
    }

    public List<ClusterMember> members() {
        return placement.members();
    }

    /**
     * Waits for a call to a node; its failure is rethrown as the {@link IOException} it carries
     * (usually a {@link PeerUnavailableException}).
     */
    public static <T> T await(CompletableFuture<T> call) throws IOException {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new InterruptedIOException("interrupted while waiting for a node");
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.toString(), cause);
        }
    }

    /** The exception a failed future carries, without the wrappers futures add. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
