package io.cere.stack.storage.node.scrub;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.node.blob.ErasureCodes;
import io.cere.stack.storage.node.peer.Cluster;
import io.cere.stack.storage.node.peer.ClusterNode;
import io.cere.stack.storage.node.shard.ShardOwner;
import io.cere.stack.storage.node.shard.ShardStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds one of this node's shards from the other shards of its segment. The shard's owner file
 * lists the segment's shard CIDs; each is looked for first on the node the segment's rendezvous
 * ranking puts it on, then on the spare nodes a writer moves shards to when a node fails. Any
 * {@code k} healthy shards rebuild it; the result is checked against its CID before it is stored.
 */
final class ShardRepairer {

    private static final Logger LOG = LoggerFactory.getLogger(ShardRepairer.class);

    /** What came of a repair. */
    enum Outcome {
        REPAIRED,
        /** Too few shards were found, but some nodes did not answer; a later pass may succeed. */
        UNREACHABLE,
        /** Every node answered and fewer than k shards exist: the shard cannot be rebuilt. */
        UNRECOVERABLE
    }

    private final Cluster cluster;
    private final ShardStore store;
    private final ErasureCodes codes;

    ShardRepairer(Cluster cluster, ShardStore store, ErasureCodes codes) {
        this.cluster = cluster;
        this.store = store;
        this.codes = codes;
    }

    /** Rebuilds shard {@code cid} from any segment it is known to belong to, and stores it. */
    Outcome repair(Cid cid) throws IOException {
        Outcome outcome = Outcome.UNRECOVERABLE;
        for (ShardOwner owner : store.owners(cid)) {
            Attempt attempt = new Attempt(owner);
            Optional<byte[]> rebuilt = attempt.rebuild();
            if (rebuilt.isPresent()) {
                store.put(cid, rebuilt.get(), owner);
                return Outcome.REPAIRED;
            }
            if (attempt.silentNodes) {
                outcome = Outcome.UNREACHABLE;
            }
        }
        return outcome;
    }

    /** One try at rebuilding a shard from the others of one segment. */
    private final class Attempt {
        private final ShardOwner owner;
        private final int total;
        private final int k;
        private final int shardLength;
        private final byte[][] shards;
        private final boolean[] present;
        private int healthy;
        private boolean silentNodes;

        Attempt(ShardOwner owner) {
            this.owner = owner;
            this.total = owner.shards().size();
            this.k = owner.k();
            this.shardLength = (owner.segmentLength() + k - 1) / k;
            this.shards = new byte[total][];
            this.present = new boolean[total];
        }

        Optional<byte[]> rebuild() {
            List<ClusterNode> ranking = cluster.rank(owner.segment().bytes());
            List<ClusterNode> spares =
                    ranking.size() > total ? ranking.subList(total, ranking.size()) : List.of();
            List<CompletableFuture<Optional<byte[]>>> calls = new ArrayList<>();
            for (int shard = 0; shard < total; shard++) {
                ClusterNode node = ranking.get(shard);
                calls.add(shard == owner.index() ? null : node.getShard(owner.shards().get(shard)));
            }
            List<Integer> notFound = new ArrayList<>();
            for (int shard = 0; shard < total; shard++) {
                if (shard != owner.index() && !accept(shard, calls.get(shard))) {
                    notFound.add(shard);
                }
            }
            for (int i = 0; i < notFound.size() && healthy < k; i++) {
                int shard = notFound.get(i);
                for (ClusterNode spare : spares) {
                    if (accept(shard, spare.getShard(owner.shards().get(shard)))) {
                        break;
                    }
                }
            }
            if (healthy < k) {
                LOG.warn(
                        "Cannot rebuild {}: found {} healthy shards of the {} needed{}",
                        owner,
                        healthy,
                        k,
                        silentNodes ? " (some nodes did not answer)" : "");
                return Optional.empty();
            }
            for (int shard = 0; shard < total; shard++) {
                if (!present[shard]) {
                    shards[shard] = new byte[shardLength];
                }
            }
            codes.get(k, total - k).reconstruct(shards, present, 0, shardLength);
            byte[] rebuilt = shards[owner.index()];
            if (!owner.shard().verifies(rebuilt)) {
                LOG.warn("Rebuilt {} does not match its CID {}; not stored", owner, owner.shard());
                return Optional.empty();
            }
            return Optional.of(rebuilt);
        }

        private boolean accept(int shard, CompletableFuture<Optional<byte[]>> call) {
            Optional<byte[]> answer;
            try {
                answer = Cluster.await(call);
            } catch (IOException e) {
                silentNodes = true;
                return false;
            }
            if (answer.isEmpty()
                    || answer.get().length != shardLength
                    || !owner.shards().get(shard).verifies(answer.get())) {
                return false;
            }
            shards[shard] = answer.get();
            present[shard] = true;
            healthy++;
            return true;
        }
    }
}
