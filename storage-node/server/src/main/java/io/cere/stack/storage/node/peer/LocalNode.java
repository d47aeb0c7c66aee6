package io.cere.stack.storage.node.peer;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.node.config.ClusterMember;
import io.cere.stack.storage.node.index.RecordStore;
import io.cere.stack.storage.node.index.VersionedRecord;
import io.cere.stack.storage.node.manifest.ManifestStore;
import io.cere.stack.storage.node.shard.ShardOwner;
import io.cere.stack.storage.node.shard.ShardStore;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * This node's own stores, reached without HTTP. Disk work runs on {@code diskThreads}, so a writer
 * that sends a segment's shards to several nodes writes its own shard in parallel with the others.
 */
public final class LocalNode implements ClusterNode {

    /** Coordinates a put-if-absent on this node (see the metadata index). */
    @FunctionalInterface
    public interface PutIfAbsentCoordinator {
        boolean putIfAbsent(String namespace, String key, byte[] value) throws IOException;
    }

    private final ClusterMember member;
    private final ShardStore shards;
    private final ManifestStore manifests;
    private final RecordStore records;
    private final Executor diskThreads;
    private volatile PutIfAbsentCoordinator coordinator;

    public LocalNode(
            ClusterMember member,
            ShardStore shards,
            ManifestStore manifests,
            RecordStore records,
            Executor diskThreads) {
        this.member = Objects.requireNonNull(member, "member");
        this.shards = Objects.requireNonNull(shards, "shards");
        this.manifests = Objects.requireNonNull(manifests, "manifests");
        this.records = Objects.requireNonNull(records, "records");
        this.diskThreads = Objects.requireNonNull(diskThreads, "diskThreads");
    }

    /** Set once the node's metadata index exists, which itself needs this node. */
    public void coordinatePutIfAbsentWith(PutIfAbsentCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ClusterMember member() {
        return member;
    }

    public ShardStore shards() {
        return shards;
    }

    public ManifestStore manifests() {
        return manifests;
    }

    public RecordStore records() {
        return records;
    }

    @Override
    public CompletableFuture<Void> putShard(Cid cid, byte[] content, ShardOwner owner) {
        return onDisk(
                () -> {
                    shards.put(cid, content, owner);
                    return null;
                });
    }

    @Override
    public CompletableFuture<Optional<byte[]>> getShard(Cid cid) {
        return onDisk(() -> shards.read(cid));
    }

    @Override
    public CompletableFuture<Void> putManifest(Cid object, byte[] manifest) {
        return onDisk(
                () -> {
                    manifests.put(object, manifest);
                    return null;
                });
    }

    @Override
    public CompletableFuture<Optional<byte[]>> getManifest(Cid object) {
        return onDisk(() -> manifests.get(object));
    }

    @Override
    public CompletableFuture<Boolean> applyRecord(String namespace, VersionedRecord record) {
        return onDisk(() -> records.apply(namespace, record));
    }

    @Override
    public CompletableFuture<Optional<VersionedRecord>> getRecord(String namespace, String key) {
        return CompletableFuture.completedFuture(records.get(namespace, key));
    }

    @Override
    public CompletableFuture<List<VersionedRecord>> listRecords(
            String namespace, String prefix, String startAfter, int limit) {
        return CompletableFuture.completedFuture(
                records.list(namespace, prefix, startAfter, limit));
    }

    @Override
    public CompletableFuture<Boolean> putIfAbsent(String namespace, String key, byte[] value) {
        PutIfAbsentCoordinator current = coordinator;
        if (current == null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException(
                            "node " + member.id() + " has no metadata index yet"));
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return current.putIfAbsent(namespace, key, value);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                },
                diskThreads);
    }

    private <T> CompletableFuture<T> onDisk(DiskCall<T> call) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return call.run();
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                },
                diskThreads);
    }

    @FunctionalInterface
    private interface DiskCall<T> {
        T run() throws IOException;
    }

    @Override
    public String toString() {
        return "local node " + member;
    }
}
