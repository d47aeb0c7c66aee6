package io.cere.stack.storage.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The nodes a client may ask, and which to ask first: the last one that answered, so that a node
 * found unreachable is not tried first again on every request. Thread-safe.
 */
final class ClusterNodes {

    private final List<URI> nodes;
    private final AtomicInteger preferred = new AtomicInteger();

    ClusterNodes(List<URI> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no storage nodes; expected at least one URL");
        }
        this.nodes = List.copyOf(nodes);
    }

    /** Every node once, the preferred one first, then the others in list order after it. */
    List<URI> inOrder() {
        int first = preferred.get();
        List<URI> order = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            order.add(nodes.get((first + i) % nodes.size()));
        }
        return order;
    }

    /** {@code node} answered: ask it first from now on. */
    void answered(URI node) {
        int index = nodes.indexOf(node);
        if (index >= 0) {
            preferred.set(index);
        }
    }

    /** {@code node} failed in the middle of an answer: if it is asked first, ask the next first. */
    void passOver(URI node) {
        int index = nodes.indexOf(node);
        if (index >= 0) {
            preferred.compareAndSet(index, (index + 1) % nodes.size());
        }
    }

    List<URI> all() {
        return nodes;
    }

    int size() {
        return nodes.size();
    }
}
