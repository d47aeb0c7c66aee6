package io.cere.stack.storage.node.index;

import io.cere.stack.storage.node.peer.Cluster;
import io.cere.stack.storage.node.peer.ClusterNode;
import io.cere.stack.storage.s3.backend.MetadataIndex;
import io.cere.stack.storage.s3.backend.StorageUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's metadata index: each record is kept on {@code m + 1} nodes, the first reachable
 * ones in the rendezvous ranking of its namespace and key, so it survives the loss of any {@code m}
 * nodes.
 *
 * <ul>
 *   <li><b>Writes</b> stamp the record with this node's {@link HybridClock} and id and return once
 *       {@code m + 1} nodes hold it durably, walking down the ranking past nodes that do not
 *       answer.
 *   <li><b>Reads</b> ask the first {@code m + 1} reachable nodes of the ranking and take the newest
 *       version (last writer wins, by timestamp then node id). With at most {@code m} nodes down at
 *       the write and at the read, the two sets always share a node, so a record written while a
 *       node was dead is read back. Replicas that answered with an older version are sent the
 *       newest one (read repair).
 *   <li><b>Deletes</b> write a tombstone, so a replica that missed the delete cannot bring the
 *       record back.
 *   <li><b>Listings</b> ask every node and merge by key, newest version winning; they need all but
 *       {@code m} nodes to answer.
 *   <li><b>Put-if-absent</b> is coordinated by the first reachable node of the ranking, which reads
 *       and writes under a per-key lock. Two callers agree on the coordinator unless nodes fail or
 *       come back between their calls; then both may write, and the later write wins. It is a
 *       best-effort guard against duplicates, not a lock.
 * </ul>
 */
public final class ReplicatedMetadataIndex implements MetadataIndex {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedMetadataIndex.class);

    private static final int LOCK_STRIPES = 64;
    private static final int MIN_PAGE = 16;
    private static final int MAX_PAGE = 1000;

    private final Cluster cluster;
    private final int replicas;
    private final int m;
    private final HybridClock clock;
    private final Object[] locks = new Object[LOCK_STRIPES];

    /**
     * @param m how many nodes may be lost; records are kept on {@code m + 1} nodes
     */
    public ReplicatedMetadataIndex(Cluster cluster, int m, HybridClock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        if (m < 0 || m >= cluster.size()) {
            throw new IllegalArgumentException(
                    "m is " + m + "; expected 0.." + (cluster.size() - 1) + " (nodes - 1)");
        }
        this.m = m;
        this.replicas = m + 1;
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
        cluster.self().coordinatePutIfAbsentWith(this::coordinatePutIfAbsent);
    }

    @Override
    public Optional<byte[]> get(String namespace, String key) throws IOException {
        check(namespace, key);
        VersionedRecord newest = readQuorum(namespace, key);
        return newest == null || newest.tombstone()
                ? Optional.empty()
                : Optional.of(newest.value());
    }

    @Override
    public void put(String namespace, String key, byte[] value) throws IOException {
        check(namespace, key);
        Objects.requireNonNull(value, "value");
        write(namespace, VersionedRecord.live(key, clock.next(), cluster.selfId(), value.clone()));
    }

    @Override
    public boolean putIfAbsent(String namespace, String key, byte[] value) throws IOException {
        check(namespace, key);
        Objects.requireNonNull(value, "value");
        List<String> failures = new ArrayList<>();
        for (ClusterNode node : cluster.rank(placementKey(namespace, key))) {
            if (node == cluster.self()) {
                return coordinatePutIfAbsent(namespace, key, value);
            }
            try {
                return Cluster.await(node.putIfAbsent(namespace, key, value));
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        throw new StorageUnavailableException(
                "cannot put record "
                        + namespace
                        + "/"
                        + key
                        + " if absent: no node could"
                        + " coordinate it: "
                        + failures);
    }

    /**
     * Reads and, when the key has no live record, writes it, under a per-key lock of this node.
     * Runs on the first reachable node of the key's ranking.
     */
    public boolean coordinatePutIfAbsent(String namespace, String key, byte[] value)
            throws IOException {
        check(namespace, key);
        synchronized (locks[Math.floorMod((namespace + '\0' + key).hashCode(), LOCK_STRIPES)]) {
            VersionedRecord newest = readQuorum(namespace, key);
            if (newest != null && !newest.tombstone()) {
                return false;
            }
            write(
                    namespace,
                    VersionedRecord.live(key, clock.next(), cluster.selfId(), value.clone()));
            return true;
        }
    }

    @Override
    public boolean delete(String namespace, String key) throws IOException {
        check(namespace, key);
        VersionedRecord newest = readQuorum(namespace, key);
        if (newest == null || newest.tombstone()) {
            return false;
        }
        write(namespace, VersionedRecord.deleted(key, clock.next(), cluster.selfId()));
        return true;
    }

    @Override
    public List<Entry> list(String namespace, String prefix, String startAfter, int limit)
            throws IOException {
        check(namespace, "");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(startAfter, "startAfter");
        List<Entry> entries = new ArrayList<>();
        if (limit <= 0) {
            return entries;
        }
        int page = Math.max(MIN_PAGE, Math.min(MAX_PAGE, limit));
        String cursor = startAfter;
        while (true) {
            List<List<VersionedRecord>> pages = listEverywhere(namespace, prefix, cursor, page);
            String horizon = null;
            for (List<VersionedRecord> records : pages) {
                if (records.size() == page) {
                    String last = records.get(records.size() - 1).key();
                    if (horizon == null || Utf8Order.INSTANCE.compare(last, horizon) < 0) {
                        horizon = last;
                    }
                }
            }
            TreeMap<String, VersionedRecord> merged = new TreeMap<>(Utf8Order.INSTANCE);
            for (List<VersionedRecord> records : pages) {
                for (VersionedRecord record : records) {
                    if (horizon != null && Utf8Order.INSTANCE.compare(record.key(), horizon) > 0) {
                        break;
                    }
                    merged.merge(record.key(), record, (a, b) -> b.supersedes(a) ? b : a);
                }
            }
            for (VersionedRecord record : merged.values()) {
                clock.observe(record.timestamp());
                if (!record.tombstone()) {
                    entries.add(new Entry(record.key(), record.value()));
                    if (entries.size() == limit) {
                        return entries;
                    }
                }
            }
            if (horizon == null) {
                return entries;
            }
            cursor = horizon;
        }
    }

    /** The newest version among the first {@code m + 1} reachable replicas; null when none. */
    private VersionedRecord readQuorum(String namespace, String key) throws IOException {
        List<ClusterNode> ranking = cluster.rank(placementKey(namespace, key));
        List<ClusterNode> answered = new ArrayList<>();
        List<Optional<VersionedRecord>> answers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int next = 0;
        while (answered.size() < replicas && next < ranking.size()) {
            int wanted = Math.min(replicas - answered.size(), ranking.size() - next);
            List<ClusterNode> asked = ranking.subList(next, next + wanted);
            next += wanted;
            List<CompletableFuture<Optional<VersionedRecord>>> calls =
                    asked.stream().map(node -> node.getRecord(namespace, key)).toList();
            for (int i = 0; i < asked.size(); i++) {
                try {
                    answers.add(Cluster.await(calls.get(i)));
                    answered.add(asked.get(i));
                } catch (IOException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        if (answered.size() < replicas) {
            throw new StorageUnavailableException(
                    String.format(
                            "cannot read record %s/%s: %d of the %d replicas it needs answered;"
                                    + " %s",
                            namespace, key, answered.size(), replicas, failures));
        }
        VersionedRecord newest = null;
        for (Optional<VersionedRecord> answer : answers) {
            if (answer.isPresent() && answer.get().supersedes(newest)) {
                newest = answer.get();
            }
        }
        if (newest != null) {
            clock.observe(newest.timestamp());
            repairStale(namespace, newest, answered, answers);
        }
        return newest;
    }

    /** Sends {@code newest} to the replicas that answered with an older version or none. */
    private void repairStale(
            String namespace,
            VersionedRecord newest,
            List<ClusterNode> answered,
            List<Optional<VersionedRecord>> answers) {
        for (int i = 0; i < answered.size(); i++) {
            Optional<VersionedRecord> answer = answers.get(i);
            if (answer.isPresent() && answer.get().sameVersion(newest)) {
                continue;
            }
            ClusterNode node = answered.get(i);
            node.applyRecord(namespace, newest)
                    .whenComplete(
                            (kept, failure) -> {
                                if (failure != null) {
                                    LOG.debug(
                                            "Read repair of record {}/{} on {} failed: {}",
                                            namespace,
                                            newest.key(),
                                            node.member().id(),
                                            Cluster.unwrap(failure).toString());
                                }
                            });
        }
    }

    /** Stores {@code record} on {@code m + 1} nodes, walking down its ranking past failures. */
    private void write(String namespace, VersionedRecord record) throws IOException {
        List<ClusterNode> ranking = cluster.rank(placementKey(namespace, record.key()));
        int stored = 0;
        List<String> failures = new ArrayList<>();
        int next = 0;
        while (stored < replicas && next < ranking.size()) {
            int wanted = Math.min(replicas - stored, ranking.size() - next);
            List<ClusterNode> asked = ranking.subList(next, next + wanted);
            next += wanted;
            List<CompletableFuture<Boolean>> calls =
                    asked.stream().map(node -> node.applyRecord(namespace, record)).toList();
            for (CompletableFuture<Boolean> call : calls) {
                try {
                    Cluster.await(call);
                    stored++;
                } catch (IOException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        if (stored < replicas) {
            throw new StorageUnavailableException(
                    String.format(
                            "cannot store record %s/%s: %d of the %d replicas it needs took it; %s",
                            namespace, record.key(), stored, replicas, failures));
        }
    }

    /** One page from every node; fails when more than {@code m} nodes do not answer. */
    private List<List<VersionedRecord>> listEverywhere(
            String namespace, String prefix, String startAfter, int page) throws IOException {
        List<ClusterNode> nodes = cluster.nodes();
        List<CompletableFuture<List<VersionedRecord>>> calls =
                nodes.stream()
                        .map(node -> node.listRecords(namespace, prefix, startAfter, page))
                        .toList();
        List<List<VersionedRecord>> pages = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<List<VersionedRecord>> call : calls) {
            try {
                pages.add(Cluster.await(call));
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        if (failures.size() > m) {
            throw new StorageUnavailableException(
                    String.format(
                            "cannot list %s: %d nodes did not answer and at most %d may be"
                                    + " missing; %s",
                            namespace, failures.size(), m, failures));
        }
        return pages;
    }

    static byte[] placementKey(String namespace, String key) {
        return (namespace + '\0' + key).getBytes(StandardCharsets.UTF_8);
    }

    private static void check(String namespace, String key) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        if (namespace.isEmpty() || namespace.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "namespace is '" + namespace + "'; expected a non-empty name without NUL");
        }
    }

    @Override
    public String toString() {
        return "metadata index on "
                + cluster.nodes().stream()
                        .map(n -> n.member().id())
                        .collect(Collectors.joining(","))
                + " with "
                + replicas
                + " replicas per record";
    }
}
