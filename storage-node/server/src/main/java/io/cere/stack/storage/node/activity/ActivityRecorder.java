package io.cere.stack.storage.node.activity;

import io.cere.stack.schemas.activity.ActivitySignature;
import io.cere.stack.schemas.avro.ActivityOperation;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.storage.s3.backend.ActivityListener;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every PUT, GET and DELETE the node served into an {@code ActivityRecord} signed with the
 * node's key, and appends it to the node's {@link ActivityLog}.
 */
public final class ActivityRecorder implements ActivityListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ActivityRecorder.class);

    private final String nodeId;
    private final Ed25519.KeyPair key;
    private final ActivityLog log;
    private final Clock clock;

    public ActivityRecorder(String nodeId, Ed25519.KeyPair key, ActivityLog log, Clock clock) {
        this.nodeId = nodeId;
        this.key = key;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void served(
            Operation operation, String bucket, String cid, long bytes, String requestId) {
        try {
            log.append(
                    ActivitySignature.sign(
                            key,
                            nodeId,
                            requestId,
                            ActivityOperation.valueOf(operation.name()),
                            bucket,
                            cid,
                            bytes,
                            clock.instant()));
        } catch (IOException | RuntimeException e) {
            LOG.error(
                    "cannot record {} {} {} (request {}): {}",
                    operation,
                    bucket,
                    cid,
                    requestId,
                    e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
