package io.cere.stack.storage.node.scrub;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.node.blob.ErasureCodes;
import io.cere.stack.storage.node.metrics.NodeMetrics;
import io.cere.stack.storage.node.metrics.RepairSource;
import io.cere.stack.storage.node.peer.Cluster;
import io.cere.stack.storage.node.shard.ShardStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks this node's shards, rehashes each, and rebuilds those that no longer match their CID
 * (bitrot: they are quarantined first, so they are never served meanwhile) or that are marked
 * missing, from the other shards of their segment. Runs a pass every {@code interval} on a
 * background thread, reading at most {@code bytesPerSecond} so it never competes with clients for
 * the disk; {@link #runOnce()} runs a pass now, at full speed, for operators and tests.
 */
public final class Scrubber implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scrubber.class);

    private final ShardStore store;
    private final ShardRepairer repairer;
    private final NodeMetrics metrics;
    private final long bytesPerSecond;
    private final Duration interval;
    private final Object passLock = new Object();
    private Thread thread;
    private volatile boolean closed;

    public Scrubber(
            Cluster cluster,
            ShardStore store,
            ErasureCodes codes,
            NodeMetrics metrics,
            long bytesPerSecond,
            Duration interval) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException(
                    "bytesPerSecond is " + bytesPerSecond + "; expected at least 1");
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException(
                    "interval is " + interval + "; expected zero (on request only) or more");
        }
        this.store = store;
        this.repairer = new ShardRepairer(cluster, store, codes);
        this.metrics = metrics;
        this.bytesPerSecond = bytesPerSecond;
        this.interval = interval;
    }

    /** Starts the background passes, the first one {@code interval} from now; none if zero. */
    public synchronized void start() {
        if (interval.isZero() || thread != null) {
            return;
        }
        thread = new Thread(this::runPeriodically, "scrubber");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs a pass now, unthrottled; waits for a background pass in progress to end first. */
    public ScrubReport runOnce() throws IOException {
        return pass(false);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void runPeriodically() {
        while (!closed) {
            try {
                TimeUnit.NANOSECONDS.sleep(interval.toNanos());
                ScrubReport report = pass(true);
                LOG.info("Scrub pass: {}", report);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.error("Scrub pass failed; the next one runs in {}", interval, e);
            }
        }
    }

    private ScrubReport pass(boolean throttled) throws IOException {
        synchronized (passLock) {
            Tally tally = new Tally(throttled);
            store.forEachShard(tally::check);
            for (Cid pending : store.pendingRepairs()) {
                tally.repair(pending);
            }
            metrics.scrubPass(tally.checked);
            return new ScrubReport(
                    tally.checked, tally.corrupt, tally.repaired, tally.unrepaired, tally.bytes);
        }
    }

    /** The counts of one pass, and its pace. */
    private final class Tally {
        private final boolean throttled;
        private final long started = System.nanoTime();
        private long checked;
        private long corrupt;
        private long repaired;
        private long unrepaired;
        private long bytes;

        Tally(boolean throttled) {
            this.throttled = throttled;
        }

        void check(Cid cid) throws IOException {
            if (closed && throttled) {
                return;
            }
            long size;
            try {
                size = Files.size(store.shardFile(cid));
            } catch (NoSuchFileException e) {
                return;
            }
            ShardStore.Health health = store.check(cid, RepairSource.SCRUB);
            checked++;
            bytes += size;
            if (health == ShardStore.Health.CORRUPT) {
                corrupt++;
                // Rebuilt right away; repair() also covers it via pendingRepairs() if this fails.
            }
            pace();
        }

        void repair(Cid cid) throws IOException {
            ShardRepairer.Outcome outcome = repairer.repair(cid);
            switch (outcome) {
                case REPAIRED -> {
                    repaired++;
                    metrics.repaired(RepairSource.SCRUB);
                    LOG.info("Scrubber rebuilt shard {}", cid);
                }
                case UNREACHABLE -> {
                    unrepaired++;
                    metrics.repairFailed(RepairSource.SCRUB);
                }
                case UNRECOVERABLE -> {
                    unrepaired++;
                    metrics.repairFailed(RepairSource.SCRUB);
                    LOG.warn(
                            "Shard {} cannot be rebuilt: every node answered and too few shards of"
                                    + " its segment exist; forgetting it",
                            cid);
                    store.forget(cid);
                }
            }
        }

        private void pace() {
            if (!throttled) {
                return;
            }
            long due = (long) (bytes * 1e9 / bytesPerSecond);
            long ahead = due - (System.nanoTime() - started);
            if (ahead > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(ahead);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }
}
