package io.cere.stack.storage.node.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of records, in the local log and between nodes: strings as a length and UTF-8
 * bytes (any key S3 allows, unlike {@link DataOutput#writeUTF}), numbers big-endian.
 */
public final class RecordCodec {

    /** Longer strings or values are refused as corrupt rather than allocated. */
    static final int MAX_FIELD_BYTES = 64 << 20;

    private RecordCodec() {}

    public static void writeRecord(DataOutput out, VersionedRecord record) throws IOException {
        writeString(out, record.key());
        out.writeLong(record.timestamp());
        writeString(out, record.writer());
        out.writeBoolean(record.tombstone());
        writeBytes(out, record.value());
    }

    public static VersionedRecord readRecord(DataInput in) throws IOException {
        String key = readString(in);
        long timestamp = in.readLong();
        String writer = readString(in);
        boolean tombstone = in.readBoolean();
        byte[] value = readBytes(in);
        return new VersionedRecord(key, timestamp, writer, tombstone, value);
    }

    public static byte[] encode(VersionedRecord record) {
        return write(out -> writeRecord(out, record));
    }

    public static VersionedRecord decode(byte[] bytes) throws IOException {
        return readRecord(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    public static byte[] encodeList(List<VersionedRecord> records) {
        return write(
                out -> {
                    out.writeInt(records.size());
                    for (VersionedRecord record : records) {
                        writeRecord(out, record);
                    }
                });
    }

    public static List<VersionedRecord> decodeList(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("record list has a negative count " + count);
        }
        List<VersionedRecord> records = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            records.add(readRecord(in));
        }
        return records;
    }

    public static void writeString(DataOutput out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String readString(DataInput in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    public static void writeBytes(DataOutput out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    public static byte[] readBytes(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FIELD_BYTES) {
            throw new IOException(
                    "field length " + length + " is outside 0.." + MAX_FIELD_BYTES + "; corrupt");
        }
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new EOFException("field of " + length + " bytes is truncated");
        }
        return bytes;
    }

    /** Writes with {@code body} into a byte array. */
    public static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Something written to a {@link DataOutput}. */
    @FunctionalInterface
    public interface Body {
        void writeTo(DataOutputStream out) throws IOException;
    }
}
