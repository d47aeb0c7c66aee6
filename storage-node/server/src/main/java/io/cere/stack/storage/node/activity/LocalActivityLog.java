package io.cere.stack.storage.node.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.schemas.avro.ActivityRecord;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An append-only file of activity records, one JSON object per line with the record's fields
 * ({@code timestamp} in epoch milliseconds): what a node writes when no Kafka is configured, or
 * when Kafka refuses a record. Each line reaches the operating system as it is appended and the
 * disk at least every {@link #SYNC_EVERY} records and on close.
 */
public final class LocalActivityLog implements ActivityLog {

    static final int SYNC_EVERY = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    // A stream, not a FileChannel: an interrupted request thread would close a channel for good.
    private final FileOutputStream out;
    private int unsynced;

    public LocalActivityLog(Path file) throws IOException {
        this.file = file;
        this.out = new FileOutputStream(file.toFile(), true);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(ActivityRecord record) throws IOException {
        byte[] json = JSON.writeValueAsBytes(json(record));
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        out.write(line);
        if (++unsynced >= SYNC_EVERY) {
            out.getFD().sync();
            unsynced = 0;
        }
    }

    /** The record as the log writes it; {@link #parse} reads it back. */
    static ObjectNode json(ActivityRecord record) {
        ObjectNode json = JSON.createObjectNode();
        json.put("nodeId", record.getNodeId());
        json.put("nodeKey", record.getNodeKey());
        json.put("requestId", record.getRequestId());
        json.put("operation", record.getOperation().name());
        json.put("bucket", record.getBucket());
        json.put("cid", record.getCid());
        json.put("bytes", record.getBytes());
        json.put("timestamp", record.getTimestamp().toEpochMilli());
        json.put("signature", record.getSignature());
        return json;
    }

    /** One line of the log as a record. */
    public static ActivityRecord parse(String line) throws IOException {
        var json = JSON.readTree(line);
        return ActivityRecord.newBuilder()
                .setNodeId(json.get("nodeId").asText())
                .setNodeKey(json.get("nodeKey").asText())
                .setRequestId(json.get("requestId").asText())
                .setOperation(
                        io.cere.stack.schemas.avro.ActivityOperation.valueOf(
                                json.get("operation").asText()))
                .setBucket(json.get("bucket").asText())
                .setCid(json.get("cid").asText())
                .setBytes(json.get("bytes").asLong())
                .setTimestamp(java.time.Instant.ofEpochMilli(json.get("timestamp").asLong()))
                .setSignature(json.get("signature").asText())
                .build();
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            out.getFD().sync();
        } finally {
            out.close();
        }
    }
}
