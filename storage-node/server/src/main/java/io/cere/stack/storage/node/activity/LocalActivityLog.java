package io.cere.stack.storage.node.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.schemas.avro.ActivityRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
    private final FileChannel channel;
    private int unsynced;

    public LocalActivityLog(Path file) throws IOException {
        this.file = file;
        this.channel =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(ActivityRecord record) throws IOException {
        ByteBuffer line = ByteBuffer.wrap(JSON.writeValueAsBytes(json(record)));
        ByteBuffer newline = ByteBuffer.wrap(new byte[] {'\n'});
        while (line.hasRemaining() || newline.hasRemaining()) {
            channel.write(new ByteBuffer[] {line, newline});
        }
        if (++unsynced >= SYNC_EVERY) {
            channel.force(false);
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
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
