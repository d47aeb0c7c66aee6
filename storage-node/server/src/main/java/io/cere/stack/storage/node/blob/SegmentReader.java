package io.cere.stack.storage.node.blob;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.CidHasher;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.erasure.ReedSolomonCodec;
import io.cere.stack.storage.node.manifest.Manifest;
import io.cere.stack.storage.node.manifest.StoredSegment;
import io.cere.stack.storage.node.metrics.NodeMetrics;
import io.cere.stack.storage.node.metrics.RepairSource;
import io.cere.stack.storage.node.peer.Cluster;
import io.cere.stack.storage.node.peer.ClusterNode;
import io.cere.stack.storage.node.shard.ShardOwner;
import io.cere.stack.storage.s3.backend.StorageUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path of one segment. Asks the nodes of the data shards first, all at once, since with
 * every data shard healthy nothing needs decoding; asks for as many parity shards as shards were
 * missing, and more while some are. When all data shards come back, their join is checked against
 * the segment CID, which proves every one of them at once. Otherwise every shard is checked against
 * its CID from the manifest, the segment is rebuilt from any {@code k} healthy ones and checked
 * against the segment CID, so a wrong byte is never returned: too few healthy shards fail the read
 * instead.
 *
 * <p>A shard that a node answered without (missing, or quarantined as corrupt) is rebuilt from the
 * others and written back to that node in the background (read repair). Nodes that did not answer
 * are left alone; they may be down, and the scrubber of a node that comes back checks its own
 * shards.
 */
final class SegmentReader {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentReader.class);

    private final Cluster cluster;
    private final ErasureCodes codes;
    private final NodeMetrics metrics;
    private final Executor repairThreads;

    SegmentReader(
            Cluster cluster, ErasureCodes codes, NodeMetrics metrics, Executor repairThreads) {
        this.cluster = cluster;
        this.codes = codes;
        this.metrics = metrics;
        this.repairThreads = repairThreads;
    }

    /**
     * The bytes of segment {@code index} of the object, checked against the segment CID.
     *
     * @throws StorageUnavailableException when fewer than {@code k} healthy shards are found,
     *     naming the segment and what each node answered
     */
    byte[] read(Manifest manifest, int index) throws IOException {
        StoredSegment segment = manifest.segments().get(index);
        int k = manifest.k();
        List<CompletableFuture<Optional<byte[]>>> dataCalls = new ArrayList<>();
        for (int shard = 0; shard < k; shard++) {
            dataCalls.add(fetch(segment, shard));
        }
        byte[] joined = joinVerified(manifest, segment, dataCalls);
        if (joined != null) {
            return joined;
        }
        return readShardByShard(manifest, index, dataCalls);
    }

    /**
     * The segment joined from its data shards when every one came back with its length and the join
     * hashes to the segment CID; null otherwise. One hash of the segment proves every data shard at
     * once, so the healthy read skips hashing each shard on top of it.
     */
    private byte[] joinVerified(
            Manifest manifest,
            StoredSegment segment,
            List<CompletableFuture<Optional<byte[]>>> dataCalls) {
        byte[][] shards = new byte[dataCalls.size()][];
        for (int shard = 0; shard < shards.length; shard++) {
            Optional<byte[]> answer;
            try {
                answer = Cluster.await(dataCalls.get(shard));
            } catch (IOException e) {
                return null;
            }
            if (answer.isEmpty() || answer.get().length != segment.shardLength()) {
                return null;
            }
            shards[shard] = answer.get();
        }
        byte[] bytes =
                codes.get(manifest.k(), segment.shards().size() - manifest.k())
                        .layout(segment.length())
                        .join(shards);
        Cid joined = new CidHasher(Multicodec.RAW, manifest.hashAlgorithm()).update(bytes).cid();
        return joined.equals(segment.cid()) ? bytes : null;
    }

    /**
     * Checks each shard against its CID, asks parity shards for the ones missing or damaged,
     * rebuilds the segment and schedules the repair of what nodes answered without. The data shards
     * were asked for already: {@code dataCalls}.
     */
    private byte[] readShardByShard(
            Manifest manifest, int index, List<CompletableFuture<Optional<byte[]>>> dataCalls)
            throws IOException {
        StoredSegment segment = manifest.segments().get(index);
        int k = manifest.k();
        int total = segment.shards().size();
        byte[][] shards = new byte[total][];
        boolean[] present = new boolean[total];
        boolean[] repairable = new boolean[total];
        List<String> problems = new ArrayList<>();
        int healthy = 0;
        int nextUnasked = 0;
        while (healthy < k && nextUnasked < total) {
            int wanted = Math.min(k - healthy, total - nextUnasked);
            List<Integer> asked = new ArrayList<>();
            List<CompletableFuture<Optional<byte[]>>> calls = new ArrayList<>();
            for (int i = 0; i < wanted; i++) {
                int shard = nextUnasked++;
                asked.add(shard);
                calls.add(shard < dataCalls.size() ? dataCalls.get(shard) : fetch(segment, shard));
            }
            for (int i = 0; i < asked.size(); i++) {
                int shard = asked.get(i);
                String node = segment.nodes().get(shard);
                Optional<byte[]> answer;
                try {
                    answer = Cluster.await(calls.get(i));
                } catch (IOException e) {
                    problems.add("shard " + shard + " on " + node + ": " + e.getMessage());
                    continue;
                }
                if (answer.isEmpty()) {
                    metrics.shardMissing();
                    repairable[shard] = true;
                    problems.add("shard " + shard + " on " + node + ": missing");
                    continue;
                }
                byte[] bytes = answer.get();
                if (bytes.length != segment.shardLength()
                        || !segment.shards().get(shard).verifies(bytes)) {
                    repairable[shard] = true;
                    problems.add("shard " + shard + " on " + node + ": does not match its CID");
                    continue;
                }
                shards[shard] = bytes;
                present[shard] = true;
                healthy++;
            }
        }
        if (healthy < k) {
            throw new StorageUnavailableException(
                    String.format(
                            "cannot read segment %d (%s) of %s: found %d healthy shards of the %d"
                                    + " needed (%d stored); %s",
                            index, segment.cid(), manifest.object(), healthy, k, total, problems));
        }
        ReedSolomonCodec codec = codes.get(k, total - k);
        for (int shard = 0; shard < total; shard++) {
            if (!present[shard]) {
                shards[shard] = new byte[segment.shardLength()];
            }
        }
        byte[] bytes = codec.decodeSegment(shards, present, segment.length());
        Cid decoded = new CidHasher(Multicodec.RAW, manifest.hashAlgorithm()).update(bytes).cid();
        if (!decoded.equals(segment.cid())) {
            throw new StorageUnavailableException(
                    String.format(
                            "segment %d of %s decodes to %s, not to its CID %s; its manifest"
                                    + " lists wrong shards",
                            index, manifest.object(), decoded, segment.cid()));
        }
        if (anyOf(repairable)) {
            scheduleRepair(manifest, segment, codec, shards, present, repairable);
        }
        return bytes;
    }

    private CompletableFuture<Optional<byte[]>> fetch(StoredSegment segment, int shard) {
        String node = segment.nodes().get(shard);
        if (!cluster.contains(node)) {
            return CompletableFuture.failedFuture(
                    new IOException("node " + node + " is no longer in the cluster"));
        }
        return cluster.node(node).getShard(segment.shards().get(shard));
    }

    /** Rebuilds the shards nodes answered without and writes them back, in the background. */
    private void scheduleRepair(
            Manifest manifest,
            StoredSegment segment,
            ReedSolomonCodec codec,
            byte[][] shards,
            boolean[] present,
            boolean[] repairable) {
        int k = manifest.k();
        repairThreads.execute(
                () -> {
                    // decodeSegment rebuilt every data shard in place; rebuild the parity ones.
                    boolean[] known = present.clone();
                    for (int shard = 0; shard < k; shard++) {
                        known[shard] = true;
                    }
                    codec.reconstruct(shards, known, 0, segment.shardLength());
                    for (int shard = 0; shard < shards.length; shard++) {
                        if (repairable[shard]) {
                            rewrite(segment, k, shard, shards[shard]);
                        }
                    }
                });
    }

    private void rewrite(StoredSegment segment, int k, int shard, byte[] bytes) {
        Cid cid = segment.shards().get(shard);
        String node = segment.nodes().get(shard);
        if (!cid.verifies(bytes)) {
            metrics.repairFailed(RepairSource.READ);
            LOG.warn(
                    "Read repair of shard {} of segment {}: rebuilt bytes do not match",
                    shard,
                    segment.cid());
            return;
        }
        ShardOwner owner =
                new ShardOwner(segment.cid(), segment.length(), k, shard, segment.shards());
        ClusterNode target = cluster.node(node);
        target.putShard(cid, bytes, owner)
                .whenComplete(
                        (done, failure) -> {
                            if (failure == null) {
                                metrics.repaired(RepairSource.READ);
                                LOG.info(
                                        "Read repair: rewrote shard {} of segment {} to {}",
                                        shard,
                                        segment.cid(),
                                        node);
                            } else {
                                metrics.repairFailed(RepairSource.READ);
                                LOG.warn(
                                        "Read repair of shard {} of segment {} on {} failed: {}",
                                        shard,
                                        segment.cid(),
                                        node,
                                        Cluster.unwrap(failure).getMessage());
                            }
                        });
    }

    private static boolean anyOf(boolean[] flags) {
        for (boolean flag : flags) {
            if (flag) {
                return true;
            }
        }
        return false;
    }
}
