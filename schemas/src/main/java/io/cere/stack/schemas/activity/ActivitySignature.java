package io.cere.stack.schemas.activity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.schemas.avro.ActivityOperation;
import io.cere.stack.schemas.avro.ActivityRecord;
import io.cere.stack.schemas.envelope.CanonicalJson;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.schemas.envelope.Hex;
import java.time.Instant;

/**
 * Signs and verifies {@link ActivityRecord}s: Ed25519 (RFC 8032) by the node's key over the RFC
 * 8785 canonical JSON of every field but {@code signature}, with {@code timestamp} as epoch
 * milliseconds and {@code operation} as its name. The same scheme as event envelopes, so anyone who
 * can check an event can check a storage node's account of its work, without Avro.
 */
public final class ActivitySignature {

    /** The largest byte count a record carries: JSON numbers are IEEE doubles, exact up to 2^53. */
    public static final long MAX_BYTES = (1L << 53) - 1;

    private ActivitySignature() {}

    /** A signed record of one operation. */
    public static ActivityRecord sign(
            Ed25519.KeyPair node,
            String nodeId,
            String requestId,
            ActivityOperation operation,
            String bucket,
            String cid,
            long bytes,
            Instant timestamp) {
        if (bytes < 0 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "bytes must be between 0 and " + MAX_BYTES + ", got " + bytes);
        }
        ActivityRecord record =
                ActivityRecord.newBuilder()
                        .setNodeId(nodeId)
                        .setNodeKey(node.publicKeyHex())
                        .setRequestId(requestId)
                        .setOperation(operation)
                        .setBucket(bucket)
                        .setCid(cid)
                        .setBytes(bytes)
                        .setTimestamp(Instant.ofEpochMilli(timestamp.toEpochMilli()))
                        .setSignature("")
                        .build();
        record.setSignature(Hex.encode(Ed25519.sign(node, signedContent(record))));
        return record;
    }

    /** Whether the record's signature is its {@code nodeKey}'s signature of its other fields. */
    public static boolean verify(ActivityRecord record) {
        byte[] key;
        byte[] signature;
        try {
            key = Hex.decode(record.getNodeKey());
            signature = Hex.decode(record.getSignature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Ed25519.verify(key, signedContent(record), signature);
    }

    /** The bytes the signature covers. */
    public static byte[] signedContent(ActivityRecord record) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("nodeId", record.getNodeId());
        json.put("nodeKey", record.getNodeKey());
        json.put("requestId", record.getRequestId());
        json.put("operation", record.getOperation().name());
        json.put("bucket", record.getBucket());
        json.put("cid", record.getCid());
        json.put("bytes", record.getBytes());
        json.put("timestamp", record.getTimestamp().toEpochMilli());
        return CanonicalJson.canonicalBytes(json);
    }
}
