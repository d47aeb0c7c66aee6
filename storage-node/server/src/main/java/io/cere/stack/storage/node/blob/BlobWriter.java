package io.cere.stack.storage.node.blob;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.CidHasher;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.erasure.ReedSolomonCodec;
import io.cere.stack.storage.node.manifest.Manifest;
import io.cere.stack.storage.node.manifest.ObjectRoot;
import io.cere.stack.storage.node.manifest.StoredSegment;
import io.cere.stack.storage.node.peer.Cluster;
import io.cere.stack.storage.node.peer.ClusterNode;
import io.cere.stack.storage.node.shard.ShardOwner;
import io.cere.stack.storage.s3.backend.StorageUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The write path. Reads an object as a stream, one segment at a time; codes each segment into
 * {@code k} data and {@code m} parity shards and sends them, all at once, to distinct nodes: the
 * first {@code k + m} of the segment's rendezvous ranking, a shard whose node does not take it
 * going to the next unused node of the ranking. While one segment's shards are on their way, the
 * next segment is read and coded.
 *
 * <p>Once every shard is durable, the manifest is stored on {@code m + 1} nodes of the object's
 * ranking, and only then is the object readable: a write that fails at any point (a node dying
 * mid-upload, too few nodes) leaves shards that no manifest names, and the object is never visible.
 */
final class BlobWriter {

    /** Segments whose shards may be in flight at once; each holds (k + m) / k of its size. */
    private static final int SEGMENTS_IN_FLIGHT = 2;

    /**
     * The largest block: a block is one segment whatever the cluster's segment size, and this is
     * ample for its documents (a multipart object's list of 10,000 parts is about 600 KB).
     */
    static final int MAX_BLOCK_BYTES = 4 << 20;

    private final Cluster cluster;
    private final ReedSolomonCodec codec;
    private final int k;
    private final int m;
    private final int segmentSize;

    BlobWriter(Cluster cluster, ErasureCodes codes, int k, int m, int segmentSize) {
        if (k + m > cluster.size()) {
            throw new IllegalArgumentException(
                    "k+m is " + (k + m) + "; expected at most the " + cluster.size() + " nodes");
        }
        this.cluster = cluster;
        this.codec = codes.get(k, m);
        this.k = k;
        this.m = m;
        this.segmentSize = segmentSize;
    }

    /** Stores the bytes of {@code data} and returns the manifest that now makes them readable. */
    Manifest write(HashAlgorithm algorithm, InputStream data) throws IOException {
        byte[] buffer = new byte[segmentSize];
        List<StoredSegment> segments = new ArrayList<>();
        Deque<PendingSegment> inFlight = new ArrayDeque<>();
        long size = 0;
        int index = 0;
        while (true) {
            int length = data.readNBytes(buffer, 0, segmentSize);
            if (length == 0) {
                break;
            }
            size += length;
            Cid segment = new CidHasher(Multicodec.RAW, algorithm).update(buffer, 0, length).cid();
            byte[][] shards = codec.encodeSegment(buffer, 0, length);
            if (inFlight.size() == SEGMENTS_IN_FLIGHT) {
                segments.add(inFlight.removeFirst().await());
            }
            inFlight.addLast(send(index++, segment, length, shards));
            if (length < segmentSize) {
                break;
            }
        }
        while (!inFlight.isEmpty()) {
            segments.add(inFlight.removeFirst().await());
        }
        Cid object = ObjectRoot.objectCid(algorithm, segments);
        Manifest manifest = new Manifest(object, size, algorithm, k, m, segmentSize, segments);
        storeManifest(manifest);
        return manifest;
    }

    /**
     * Stores {@code block}, a document of {@code format} (not raw), as one segment addressed by its
     * block CID ({@link ObjectRoot#blockCid}), and returns the manifest that makes it readable.
     */
    Manifest writeBlock(HashAlgorithm algorithm, Multicodec format, byte[] block)
            throws IOException {
        if (format == Multicodec.RAW) {
            throw new IllegalArgumentException(
                    "a block's codec is not raw; write raw bytes as a blob");
        }
        if (block.length == 0 || block.length > MAX_BLOCK_BYTES) {
            throw new IllegalArgumentException(
                    "a block of "
                            + block.length
                            + " bytes; expected 1.."
                            + MAX_BLOCK_BYTES
                            + " bytes");
        }
        Cid segment = new CidHasher(Multicodec.RAW, algorithm).update(block).cid();
        StoredSegment stored =
                send(0, segment, block.length, codec.encodeSegment(block, 0, block.length)).await();
        Manifest manifest =
                new Manifest(
                        ObjectRoot.blockCid(format, stored),
                        block.length,
                        algorithm,
                        k,
                        m,
                        Math.max(segmentSize, block.length),
                        List.of(stored));
        storeManifest(manifest);
        return manifest;
    }

    private PendingSegment send(int index, Cid segment, int length, byte[][] shards) {
        List<Cid> cids = new ArrayList<>(shards.length);
        for (byte[] shard : shards) {
            cids.add(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, shard));
        }
        List<ClusterNode> ranking = cluster.rank(segment.bytes());
        PendingSegment pending = new PendingSegment(index, segment, length, shards, cids, ranking);
        for (int shard = 0; shard < shards.length; shard++) {
            pending.sendTo(shard, ranking.get(shard));
        }
        pending.nextSpare = shards.length;
        return pending;
    }

    /**
     * Stores the manifest on the first {@code m + 1} nodes of the object's ranking that take it.
     */
    private void storeManifest(Manifest manifest) throws IOException {
        byte[] encoded = manifest.encode();
        List<ClusterNode> ranking = cluster.rank(manifest.object().bytes());
        int copies = Math.min(m + 1, ranking.size());
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            calls.add(ranking.get(i).putManifest(manifest.object(), encoded));
        }
        int stored = 0;
        int next = copies;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            try {
                Cluster.await(calls.get(i));
                stored++;
            } catch (IOException e) {
                failures.add(e.getMessage());
                if (next < ranking.size()) {
                    calls.add(ranking.get(next++).putManifest(manifest.object(), encoded));
                }
            }
        }
        if (stored < copies) {
            throw new StorageUnavailableException(
                    String.format(
                            "cannot store the manifest of %s: %d of the %d nodes it needs took it"
                                    + " (%d nodes in the cluster); %s",
                            manifest.object(), stored, copies, ranking.size(), failures));
        }
    }

    /** One segment whose shards are on their way to their nodes. */
    private final class PendingSegment {
        private final int index;
        private final Cid segment;
        private final int length;
        private final byte[][] shards;
        private final List<Cid> cids;
        private final List<ClusterNode> ranking;
        private final ClusterNode[] nodes;
        private final List<CompletableFuture<Void>> calls = new ArrayList<>();
        private int nextSpare;

        PendingSegment(
                int index,
                Cid segment,
                int length,
                byte[][] shards,
                List<Cid> cids,
                List<ClusterNode> ranking) {
            this.index = index;
            this.segment = segment;
            this.length = length;
            this.shards = shards;
            this.cids = cids;
            this.ranking = ranking;
            this.nodes = new ClusterNode[shards.length];
            for (int shard = 0; shard < shards.length; shard++) {
                calls.add(null);
            }
        }

        void sendTo(int shard, ClusterNode node) {
            nodes[shard] = node;
            ShardOwner owner = new ShardOwner(segment, length, k, shard, cids);
            calls.set(shard, node.putShard(cids.get(shard), shards[shard], owner));
        }

        /** Waits until every shard is durable, moving shards whose node failed to spare nodes. */
        StoredSegment await() throws IOException {
            List<String> failures = new ArrayList<>();
            List<Integer> waiting = new ArrayList<>();
            for (int shard = 0; shard < shards.length; shard++) {
                waiting.add(shard);
            }
            while (!waiting.isEmpty()) {
                List<Integer> failed = new ArrayList<>();
                for (int shard : waiting) {
                    try {
                        Cluster.await(calls.get(shard));
                    } catch (IOException e) {
                        failures.add(e.getMessage());
                        failed.add(shard);
                    }
                }
                if (ranking.size() - nextSpare < failed.size()) {
                    throw new StorageUnavailableException(
                            String.format(
                                    "cannot store segment %d (%s): its %d shards need %d distinct"
                                            + " nodes and %d of the cluster's %d nodes did not take"
                                            + " theirs; %s",
                                    index,
                                    segment,
                                    shards.length,
                                    shards.length,
                                    failures.size(),
                                    ranking.size(),
                                    failures));
                }
                for (int shard : failed) {
                    sendTo(shard, ranking.get(nextSpare++));
                }
                waiting = failed;
            }
            List<String> placement = new ArrayList<>(nodes.length);
            for (ClusterNode node : nodes) {
                placement.add(node.member().id());
            }
            return new StoredSegment(
                    segment, length, StoredSegment.shardLength(length, k), cids, placement);
        }
    }
}
