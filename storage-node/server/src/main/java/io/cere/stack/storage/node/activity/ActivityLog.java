package io.cere.stack.storage.node.activity;

import io.cere.stack.schemas.avro.ActivityRecord;
import java.io.IOException;

/** Where a node's signed activity records go. Implementations are thread-safe. */
public interface ActivityLog extends AutoCloseable {

    void append(ActivityRecord record) throws IOException;

    @Override
    void close() throws IOException;
}
