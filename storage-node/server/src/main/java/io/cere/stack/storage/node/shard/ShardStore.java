package io.cere.stack.storage.node.shard;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.InvalidCidException;
import io.cere.stack.storage.node.disk.DurableFiles;
import io.cere.stack.storage.node.metrics.NodeMetrics;
import io.cere.stack.storage.node.metrics.RepairSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shards one node holds, on its disk. A shard is a file named by its CID (the hash of exactly
 * its bytes, so {@code sha256sum} checks it too), in one of 256 directories picked by the first
 * byte of the digest so that no directory grows too large:
 *
 * <pre>
 * shards/3f/bafkrei...        the shard's bytes
 * shards/3f/bafkrei....owner  which segment it is a shard of, and the segment's other shards
 * quarantine/bafkrei....&lt;millis&gt;   shards found corrupt, kept for inspection
 * </pre>
 *
 * <p>Writes are durable on return ({@link DurableFiles}): the owner file first, then the shard.
 * Reads rehash the bytes; a shard that no longer matches its CID (bitrot) is moved to quarantine
 * and reads as missing, so it is never served. An owner file without its shard marks a shard to be
 * rebuilt: {@link #pendingRepairs()}. Temporary files of writes cut short by a crash are deleted at
 * {@link #open}.
 *
 * <p>Identical shards (a segment of zeros has identical data shards) are one file with several
 * owners (one line each); any one of them is enough to rebuild it.
 */
public final class ShardStore {

    private static final Logger LOG = LoggerFactory.getLogger(ShardStore.class);

    static final String OWNER_SUFFIX = ".owner";
    private static final int LOCK_STRIPES = 64;

    private final Path shardsDir;
    private final Path quarantineDir;
    private final NodeMetrics metrics;
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong count = new AtomicLong();

    private ShardStore(Path dataDir, NodeMetrics metrics) {
        this.shardsDir = dataDir.resolve("shards");
        this.quarantineDir = dataDir.resolve("quarantine");
        this.metrics = metrics;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Opens the store under {@code dataDir}: deletes temporary files a crash left, counts the
     * shards.
     */
    public static ShardStore open(Path dataDir, NodeMetrics metrics) throws IOException {
        ShardStore store = new ShardStore(dataDir, metrics);
        Files.createDirectories(store.shardsDir);
        Files.createDirectories(store.quarantineDir);
        int leftovers = DurableFiles.deleteTemporaries(store.shardsDir);
        if (leftovers > 0) {
            LOG.info(
                    "Deleted {} temporary files under {} left by writes a crash cut short",
                    leftovers,
                    store.shardsDir);
        }
        store.forEachShard(
                cid -> {
                    store.count.incrementAndGet();
                    store.bytes.addAndGet(Files.size(store.shardFile(cid)));
                });
        return store;
    }

    /**
     * Stores {@code content} as shard {@code cid} for {@code owner}, durably; adds the owner when
     * the shard is already here.
     *
     * @throws ShardMismatchException when the content does not hash to {@code cid}
     */
    public void put(Cid cid, byte[] content, ShardOwner owner) throws IOException {
        if (!owner.shard().equals(cid)) {
            throw new IllegalArgumentException(
                    "shard " + cid + " is offered as " + owner + ", which is " + owner.shard());
        }
        if (!cid.verifies(content)) {
            throw new ShardMismatchException(
                    content.length + " bytes offered as shard " + cid + " do not hash to it");
        }
        synchronized (lock(cid)) {
            List<ShardOwner> owners = owners(cid);
            if (!owners.contains(owner)) {
                List<ShardOwner> updated = new ArrayList<>(owners);
                updated.add(owner);
                DurableFiles.write(
                        ownerFile(cid),
                        (updated.stream().map(ShardOwner::line).collect(Collectors.joining("\n"))
                                        + "\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
            Path file = shardFile(cid);
            if (Files.exists(file) && cid.verifies(Files.readAllBytes(file))) {
                return;
            }
            boolean replaced = Files.exists(file);
            long previous = replaced ? Files.size(file) : 0;
            DurableFiles.write(file, content);
            bytes.addAndGet(content.length - previous);
            if (!replaced) {
                count.incrementAndGet();
            }
        }
    }

    /**
     * The shard's bytes, checked against its CID; empty when it is not here or was found corrupt
     * (it is then quarantined and counted as bitrot).
     */
    public Optional<byte[]> read(Cid cid) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(shardFile(cid));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (cid.verifies(content)) {
            return Optional.of(content);
        }
        quarantine(cid, RepairSource.READ);
        return Optional.empty();
    }

    /**
     * Rehashes the shard; quarantines it when it no longer matches its CID (counted as bitrot found
     * by {@code source}).
     */
    public Health check(Cid cid, RepairSource source) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(shardFile(cid));
        } catch (NoSuchFileException e) {
            return Health.MISSING;
        }
        if (cid.verifies(content)) {
            return Health.HEALTHY;
        }
        quarantine(cid, source);
        return Health.CORRUPT;
    }

    /** Whether the shard's file is here (not whether it is healthy). */
    public boolean contains(Cid cid) {
        return Files.exists(shardFile(cid));
    }

    /** Every object, segment and shard index the shard is known to belong to. */
    public List<ShardOwner> owners(Cid cid) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(ownerFile(cid), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        Set<ShardOwner> owners = new LinkedHashSet<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                owners.add(ShardOwner.parseLine(line));
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "{}: ignoring an unreadable owner line: {}",
                        ownerFile(cid),
                        e.getMessage());
            }
        }
        return List.copyOf(owners);
    }

    /**
     * Shards that have an owner file but no shard file: quarantined ones not yet rebuilt, and
     * writes a crash cut short.
     */
    public List<Cid> pendingRepairs() throws IOException {
        List<Cid> pending = new ArrayList<>();
        for (Path dir : fanoutDirs()) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + OWNER_SUFFIX)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    Optional<Cid> cid =
                            parse(name.substring(0, name.length() - OWNER_SUFFIX.length()));
                    if (cid.isPresent() && !Files.exists(shardFile(cid.get()))) {
                        pending.add(cid.get());
                    }
                }
            }
        }
        return pending;
    }

    /** Drops the owner file of a shard that is not here and cannot be rebuilt. */
    public void forget(Cid cid) throws IOException {
        synchronized (lock(cid)) {
            if (!Files.exists(shardFile(cid))) {
                DurableFiles.delete(ownerFile(cid));
            }
        }
    }

    /** Calls {@code visitor} with the CID of every shard file, one fan-out directory at a time. */
    public void forEachShard(ShardVisitor visitor) throws IOException {
        for (Path dir : fanoutDirs()) {
            List<Cid> cids = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (!name.endsWith(OWNER_SUFFIX)
                            && !name.startsWith(DurableFiles.TEMPORARY_PREFIX)) {
                        parse(name).ifPresent(cids::add);
                    }
                }
            }
            for (Cid cid : cids) {
                visitor.visit(cid);
            }
        }
    }

    /** Bytes of shards on disk (quarantine not included). */
    public long bytes() {
        return bytes.get();
    }

    /** Shard files on disk. */
    public long count() {
        return count.get();
    }

    /** Where the shard's file is; for tests and operators that inspect the disk. */
    public Path shardFile(Cid cid) {
        return shardsDir.resolve(fanout(cid)).resolve(cid.toString());
    }

    Path ownerFile(Cid cid) {
        return shardsDir.resolve(fanout(cid)).resolve(cid + OWNER_SUFFIX);
    }

    private void quarantine(Cid cid, RepairSource source) throws IOException {
        synchronized (lock(cid)) {
            Path file = shardFile(cid);
            if (!Files.exists(file)) {
                return;
            }
            long size = Files.size(file);
            Path target = quarantineDir.resolve(cid + "." + System.currentTimeMillis());
            DurableFiles.move(file, target);
            bytes.addAndGet(-size);
            count.decrementAndGet();
            metrics.bitrotFound(source);
            LOG.warn(
                    "Shard {} no longer matches its CID (bitrot, found by {}); moved to {}",
                    cid,
                    source,
                    target);
        }
    }

    private List<Path> fanoutDirs() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries =
                Files.newDirectoryStream(shardsDir, Files::isDirectory)) {
            entries.forEach(dirs::add);
        }
        dirs.sort(null);
        return dirs;
    }

    private Optional<Cid> parse(String name) {
        try {
            return Optional.of(Cid.parse(name));
        } catch (InvalidCidException e) {
            LOG.warn("Ignoring {} under {}: not a shard ({})", name, shardsDir, e.getMessage());
            return Optional.empty();
        }
    }

    private Object lock(Cid cid) {
        return locks[Math.floorMod(cid.hashCode(), LOCK_STRIPES)];
    }

    private static String fanout(Cid cid) {
        byte[] digest = cid.multihash().digest();
        return HexFormat.of().toHexDigits(digest[0]);
    }

    /** The state of one shard on disk. */
    public enum Health {
        HEALTHY,
        MISSING,
        /** Did not match its CID; now quarantined. */
        CORRUPT
    }

    /** Called with each shard; may fail with an I/O error, which stops the walk. */
    @FunctionalInterface
    public interface ShardVisitor {
        void visit(Cid cid) throws IOException;
    }
}
