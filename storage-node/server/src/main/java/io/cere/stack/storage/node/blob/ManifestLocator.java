package io.cere.stack.storage.node.blob;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.node.manifest.InvalidManifestException;
import io.cere.stack.storage.node.manifest.Manifest;
import io.cere.stack.storage.node.peer.Cluster;
import io.cere.stack.storage.node.peer.ClusterNode;
import io.cere.stack.storage.s3.backend.BlobNotFoundException;
import io.cere.stack.storage.s3.backend.StorageUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds an object's manifest: on this node if it holds a copy, else on the nodes of the object's
 * rendezvous ranking, {@code m + 1} at a time, walking down past nodes that do not answer or do not
 * have it. Every copy is checked against the object CID before it is used.
 *
 * <p>"Not found" is only said when it is certain: the manifest is on {@code m + 1} nodes, so if
 * every node that answered lacks it and fewer than {@code m + 1} nodes failed to answer, no copy
 * exists. With {@code m + 1} or more nodes silent, the answer is "unavailable" instead.
 *
 * <p>Manifests never change once written, so found ones are kept in a small cache.
 */
final class ManifestLocator {

    private static final int CACHE_ENTRIES = 4096;

    private final Cluster cluster;
    private final int copies;
    private final Map<Cid, Manifest> cache =
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Cid, Manifest> eldest) {
                    return size() > CACHE_ENTRIES;
                }
            };

    /**
     * @param m how many nodes may be lost; manifests are on {@code m + 1} nodes
     */
    ManifestLocator(Cluster cluster, int m) {
        this.cluster = cluster;
        this.copies = m + 1;
    }

    /**
     * @throws BlobNotFoundException when no node has a manifest for {@code object}
     * @throws StorageUnavailableException when too many nodes are silent to tell
     */
    Manifest find(Cid object) throws IOException {
        synchronized (cache) {
            Manifest cached = cache.get(object);
            if (cached != null) {
                return cached;
            }
        }
        Manifest manifest = lookUp(object);
        synchronized (cache) {
            cache.put(object, manifest);
        }
        return manifest;
    }

    private Manifest lookUp(Cid object) throws IOException {
        Optional<byte[]> local = Cluster.await(cluster.self().getManifest(object));
        if (local.isPresent()) {
            return Manifest.decode(local.get(), object);
        }
        List<ClusterNode> ranking = new ArrayList<>(cluster.rank(object.bytes()));
        ranking.remove(cluster.self());
        List<String> silent = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        int next = 0;
        while (next < ranking.size()) {
            int wave = Math.min(copies, ranking.size() - next);
            List<ClusterNode> asked = ranking.subList(next, next + wave);
            next += wave;
            List<CompletableFuture<Optional<byte[]>>> calls =
                    asked.stream().map(node -> node.getManifest(object)).toList();
            for (int i = 0; i < asked.size(); i++) {
                Optional<byte[]> answer;
                try {
                    answer = Cluster.await(calls.get(i));
                } catch (IOException e) {
                    silent.add(e.getMessage());
                    continue;
                }
                if (answer.isPresent()) {
                    try {
                        return Manifest.decode(answer.get(), object);
                    } catch (InvalidManifestException e) {
                        invalid.add(asked.get(i).member().id() + ": " + e.getMessage());
                    }
                }
            }
        }
        if (silent.size() >= copies) {
            throw new StorageUnavailableException(
                    String.format(
                            "cannot find the manifest of %s: %d nodes did not answer, and its %d"
                                    + " copies may all be on them; %s",
                            object, silent.size(), copies, silent));
        }
        throw new BlobNotFoundException(
                "no blob has CID "
                        + object
                        + (invalid.isEmpty() ? "" : " (damaged manifest copies: " + invalid + ")"));
    }
}
