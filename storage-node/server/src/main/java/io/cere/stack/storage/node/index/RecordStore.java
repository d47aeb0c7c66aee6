package io.cere.stack.storage.node.index;

import io.cere.stack.storage.node.disk.DurableFiles;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata records one node holds, durable on its disk: every accepted version is appended to a
 * log and fsynced before {@link #apply} returns, and the newest version of each key is kept in
 * memory, ordered by the UTF-8 bytes of the key, for gets and listings.
 *
 * <p>Each log entry carries its length and a CRC32C, so a tail torn by a crash is recognised and
 * cut off at start. When the log has grown to several times what it holds live, it is rewritten (to
 * a temporary file, fsynced, renamed over the old one).
 *
 * <p>Everything is held in memory: this store suits metadata (bucket and object entries, upload
 * state), not bulk data, which lives in shards.
 */
public final class RecordStore implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);

    static final String LOG_FILE = "records.log";
    private static final long MIN_COMPACTION_BYTES = 4 << 20;
    private static final int HEADER_BYTES = 8;

    private final Path dir;
    private final Map<String, NavigableMap<String, VersionedRecord>> namespaces =
            new ConcurrentHashMap<>();
    private FileChannel log;
    private long logBytes;
    private long liveBytes;

    private RecordStore(Path dir) {
        this.dir = dir;
    }

    /** Opens (or creates) the store in {@code dir}, replaying its log. */
    public static RecordStore open(Path dir) throws IOException {
        Files.createDirectories(dir);
        RecordStore store = new RecordStore(dir);
        store.replay();
        return store;
    }

    /**
     * Keeps {@code record} if it supersedes the version held for its key; durable on return.
     *
     * @return whether it was kept
     */
    public synchronized boolean apply(String namespace, VersionedRecord record) throws IOException {
        NavigableMap<String, VersionedRecord> records = namespace(namespace);
        VersionedRecord current = records.get(record.key());
        if (!record.supersedes(current)) {
            return false;
        }
        append(namespace, record);
        records.put(record.key(), record);
        liveBytes +=
                entrySize(namespace, record)
                        - (current == null ? 0 : entrySize(namespace, current));
        if (logBytes > MIN_COMPACTION_BYTES && logBytes > 3 * liveBytes) {
            compact();
        }
        return true;
    }

    /** The newest version of the key, a tombstone included. */
    public Optional<VersionedRecord> get(String namespace, String key) {
        NavigableMap<String, VersionedRecord> records = namespaces.get(namespace);
        return Optional.ofNullable(records == null ? null : records.get(key));
    }

    /**
     * Versions (tombstones included) of keys that start with {@code prefix} and sort after {@code
     * startAfter}, in key order, at most {@code limit}.
     */
    public List<VersionedRecord> list(
            String namespace, String prefix, String startAfter, int limit) {
        NavigableMap<String, VersionedRecord> records = namespaces.get(namespace);
        List<VersionedRecord> page = new ArrayList<>();
        if (records == null || limit <= 0) {
            return page;
        }
        String from = Utf8Order.INSTANCE.compare(startAfter, prefix) >= 0 ? startAfter : prefix;
        boolean inclusive = Utf8Order.INSTANCE.compare(startAfter, prefix) < 0;
        for (VersionedRecord record : records.tailMap(from, inclusive).values()) {
            if (!record.key().startsWith(prefix)) {
                break;
            }
            page.add(record);
            if (page.size() == limit) {
                break;
            }
        }
        return page;
    }

    @Override
    public synchronized void close() throws IOException {
        if (log != null) {
            log.close();
        }
    }

    private NavigableMap<String, VersionedRecord> namespace(String namespace) {
        return namespaces.computeIfAbsent(
                namespace, ns -> new ConcurrentSkipListMap<>(Utf8Order.INSTANCE));
    }

    private void replay() throws IOException {
        Path file = dir.resolve(LOG_FILE);
        log =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        long size = log.size();
        long offset = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        while (offset + HEADER_BYTES <= size) {
            header.clear();
            readFully(header, offset);
            int length = header.getInt(0);
            int crc = header.getInt(4);
            if (length <= 0 || offset + HEADER_BYTES + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(payload, offset + HEADER_BYTES);
            if (crc32c(payload.array()) != crc) {
                break;
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload.array()));
            String namespace = RecordCodec.readString(in);
            VersionedRecord record = RecordCodec.readRecord(in);
            NavigableMap<String, VersionedRecord> records = namespace(namespace);
            VersionedRecord current = records.get(record.key());
            if (record.supersedes(current)) {
                records.put(record.key(), record);
                liveBytes +=
                        entrySize(namespace, record)
                                - (current == null ? 0 : entrySize(namespace, current));
            }
            offset += HEADER_BYTES + length;
        }
        if (offset < size) {
            LOG.warn(
                    "{}: cutting off {} bytes at offset {} that are not a whole entry (a write"
                            + " torn by a crash)",
                    file,
                    size - offset,
                    offset);
            log.truncate(offset);
            log.force(true);
        }
        logBytes = offset;
        log.position(offset);
    }

    private void append(String namespace, VersionedRecord record) throws IOException {
        byte[] entry = entry(namespace, record);
        ByteBuffer buffer = ByteBuffer.wrap(entry);
        while (buffer.hasRemaining()) {
            log.write(buffer);
        }
        log.force(false);
        logBytes += entry.length;
    }

    /** Rewrites the log with only the versions held, then replaces the old one. */
    private void compact() throws IOException {
        Path file = dir.resolve(LOG_FILE);
        Path partial = dir.resolve(LOG_FILE + ".compacting");
        long written = 0;
        try (FileChannel out =
                FileChannel.open(
                        partial,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            for (Map.Entry<String, NavigableMap<String, VersionedRecord>> namespace :
                    namespaces.entrySet()) {
                for (VersionedRecord record : namespace.getValue().values()) {
                    ByteBuffer buffer = ByteBuffer.wrap(entry(namespace.getKey(), record));
                    written += buffer.remaining();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
            }
            out.force(true);
        }
        log.close();
        Files.move(
                partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(dir);
        log = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        log.position(log.size());
        LOG.info("{}: compacted the log from {} to {} bytes", file, logBytes, written);
        logBytes = written;
        liveBytes = written;
    }

    private static byte[] entry(String namespace, VersionedRecord record) {
        byte[] payload =
                RecordCodec.write(
                        out -> {
                            RecordCodec.writeString(out, namespace);
                            RecordCodec.writeRecord(out, record);
                        });
        ByteBuffer entry = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        entry.putInt(payload.length).putInt(crc32c(payload)).put(payload);
        return entry.array();
    }

    /** About the bytes an entry takes in the log (characters counted as bytes): for compaction. */
    private static long entrySize(String namespace, VersionedRecord record) {
        return HEADER_BYTES
                + 4L
                + namespace.length()
                + 4
                + record.key().length()
                + 8
                + 4
                + record.writer().length()
                + 1
                + 4
                + record.value().length;
    }

    private static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = log.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of " + dir.resolve(LOG_FILE));
            }
            at += read;
        }
    }
}
