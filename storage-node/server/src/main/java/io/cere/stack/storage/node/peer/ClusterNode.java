package io.cere.stack.storage.node.peer;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.node.config.ClusterMember;
import io.cere.stack.storage.node.index.VersionedRecord;
import io.cere.stack.storage.node.shard.ShardOwner;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What one node of the cluster stores for the others: shards, manifests and metadata records. The
 * node a call runs on is reached directly ({@link LocalNode}); every other node over its internal
 * HTTP API ({@link RemoteNode}). Calls run asynchronously, so a writer sends to all the nodes of a
 * segment at once; a node that gives no usable answer fails the call with a {@link
 * PeerUnavailableException}.
 */
public interface ClusterNode {

    ClusterMember member();

    /** Stores a shard, durably, once its bytes are checked against {@code cid}. */
    CompletableFuture<Void> putShard(Cid cid, byte[] content, ShardOwner owner);

    /** The shard's bytes, checked against {@code cid}; empty when the node does not have it. */
    CompletableFuture<Optional<byte[]>> getShard(Cid cid);

    /** Stores the manifest of {@code object}, durably, once it is checked against the CID. */
    CompletableFuture<Void> putManifest(Cid object, byte[] manifest);

    /** The manifest of {@code object}; empty when the node does not have it. */
    CompletableFuture<Optional<byte[]>> getManifest(Cid object);

    /** Keeps {@code record} if it is newer than the node's version; returns whether it was kept. */
    CompletableFuture<Boolean> applyRecord(String namespace, VersionedRecord record);

    /** The node's version of the record, a tombstone included. */
    CompletableFuture<Optional<VersionedRecord>> getRecord(String namespace, String key);

    /** The node's versions (tombstones included) after {@code startAfter}, in key order. */
    CompletableFuture<List<VersionedRecord>> listRecords(
            String namespace, String prefix, String startAfter, int limit);

    /** Asks the node to coordinate a put-if-absent of the record; returns whether it wrote. */
    CompletableFuture<Boolean> putIfAbsent(String namespace, String key, byte[] value);
}
