package io.cere.stack.storage.node.testutils;

import io.cere.stack.storage.node.blob.BucketHashAlgorithms;
import io.cere.stack.storage.node.blob.ErasureBlobStore;
import io.cere.stack.storage.node.blob.ErasureCodes;
import io.cere.stack.storage.node.config.ClusterMember;
import io.cere.stack.storage.node.index.HybridClock;
import io.cere.stack.storage.node.index.RecordStore;
import io.cere.stack.storage.node.index.ReplicatedMetadataIndex;
import io.cere.stack.storage.node.manifest.ManifestStore;
import io.cere.stack.storage.node.metrics.NodeMetrics;
import io.cere.stack.storage.node.peer.Cluster;
import io.cere.stack.storage.node.peer.ClusterNode;
import io.cere.stack.storage.node.peer.LocalNode;
import io.cere.stack.storage.node.scrub.Scrubber;
import io.cere.stack.storage.node.shard.ShardStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A cluster of nodes in one JVM: each with its real stores on disk, its own view of the cluster,
 * metadata index, blob store and scrubber, talking to the others without HTTP. Nodes are "stopped"
 * by making every other node's calls to them fail as calls to a dead node do.
 */
public final class InProcessCluster implements AutoCloseable {

    /** One node: its stores and the services built on them. */
    public record Node(
            String id,
            Path dataDir,
            LocalNode local,
            NodeMetrics metrics,
            ReplicatedMetadataIndex index,
            ErasureBlobStore blobs,
            Scrubber scrubber) {

        public ShardStore shards() {
            return local.shards();
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final ExecutorService diskThreads = Executors.newFixedThreadPool(8);
    private final ExecutorService backgroundThreads = Executors.newCachedThreadPool();
    private final List<RecordStore> records = new ArrayList<>();

    public InProcessCluster(Path dir, int nodeCount, int k, int m, int segmentSize)
            throws IOException {
        List<LocalNode> locals = new ArrayList<>();
        List<NodeMetrics> metrics = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            ClusterMember member =
                    new ClusterMember("node-" + i, URI.create("http://127.0.0.1:" + (9100 + i)));
            Path data = dir.resolve(member.id());
            NodeMetrics nodeMetrics = new NodeMetrics();
            RecordStore store = RecordStore.open(data.resolve("records"));
            records.add(store);
            locals.add(
                    new LocalNode(
                            member,
                            ShardStore.open(data, nodeMetrics),
                            ManifestStore.open(data),
                            store,
                            diskThreads));
            metrics.add(nodeMetrics);
        }
        for (int i = 0; i < nodeCount; i++) {
            LocalNode self = locals.get(i);
            List<ClusterNode> view = new ArrayList<>();
            for (LocalNode other : locals) {
                view.add(other == self ? self : new ReachableNode(other, down));
            }
            Cluster cluster = new Cluster(self, view);
            ReplicatedMetadataIndex index =
                    new ReplicatedMetadataIndex(cluster, m, new HybridClock());
            ErasureCodes codes = new ErasureCodes();
            ErasureBlobStore blobs =
                    new ErasureBlobStore(
                            cluster,
                            k,
                            m,
                            segmentSize,
                            codes,
                            new BucketHashAlgorithms(index),
                            metrics.get(i),
                            backgroundThreads);
            Scrubber scrubber =
                    new Scrubber(
                            cluster, self.shards(), codes, metrics.get(i), 1 << 30, Duration.ZERO);
            nodes.add(
                    new Node(
                            self.member().id(),
                            dir.resolve(self.member().id()),
                            self,
                            metrics.get(i),
                            index,
                            blobs,
                            scrubber));
        }
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Makes every call to the node fail as a call to a dead node does. */
    public void stop(int index) {
        down.add(nodes.get(index).id());
    }

    public void restart(int index) {
        down.remove(nodes.get(index).id());
    }

    @Override
    public void close() throws IOException {
        diskThreads.shutdownNow();
        backgroundThreads.shutdownNow();
        for (RecordStore store : records) {
            store.close();
        }
    }
}
