package io.cere.stack.storage.node.testutils;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.node.config.ClusterMember;
import io.cere.stack.storage.node.index.VersionedRecord;
import io.cere.stack.storage.node.peer.ClusterNode;
import io.cere.stack.storage.node.peer.LocalNode;
import io.cere.stack.storage.node.peer.PeerUnavailableException;
import io.cere.stack.storage.node.shard.ShardOwner;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Another in-process node as a peer sees it: calls go straight to its stores, or fail as a dead
 * node's would while its id is in {@code down}. It stands in for the network, not for the node.
 */
final class ReachableNode implements ClusterNode {

    private final LocalNode target;
    private final Set<String> down;

    ReachableNode(LocalNode target, Set<String> down) {
        this.target = target;
        this.down = down;
    }

    @Override
    public ClusterMember member() {
        return target.member();
    }

    @Override
    public CompletableFuture<Void> putShard(Cid cid, byte[] content, ShardOwner owner) {
        return call(() -> target.putShard(cid, content.clone(), owner));
    }

    @Override
    public CompletableFuture<Optional<byte[]>> getShard(Cid cid) {
        return call(() -> target.getShard(cid));
    }

    @Override
    public CompletableFuture<Void> putManifest(Cid object, byte[] manifest) {
        return call(() -> target.putManifest(object, manifest));
    }

    @Override
    public CompletableFuture<Optional<byte[]>> getManifest(Cid object) {
        return call(() -> target.getManifest(object));
    }

    @Override
    public CompletableFuture<Boolean> applyRecord(String namespace, VersionedRecord record) {
        return call(() -> target.applyRecord(namespace, record));
    }

    @Override
    public CompletableFuture<Optional<VersionedRecord>> getRecord(String namespace, String key) {
        return call(() -> target.getRecord(namespace, key));
    }

    @Override
    public CompletableFuture<List<VersionedRecord>> listRecords(
            String namespace, String prefix, String startAfter, int limit) {
        return call(() -> target.listRecords(namespace, prefix, startAfter, limit));
    }

    @Override
    public CompletableFuture<Boolean> putIfAbsent(String namespace, String key, byte[] value) {
        return call(() -> target.putIfAbsent(namespace, key, value));
    }

    private <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> call) {
        if (down.contains(target.member().id())) {
            return CompletableFuture.failedFuture(
                    new PeerUnavailableException(
                            target.member(), "connection refused (stopped in the test)", null));
        }
        return call.get();
    }
}
