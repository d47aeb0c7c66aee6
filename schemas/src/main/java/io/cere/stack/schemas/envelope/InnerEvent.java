package io.cere.stack.schemas.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event of a batch envelope ({@code "_batchMode": true}); the batch's signature covers it.
 *
 * @param id the event id, a UUID as the client wrote it
 * @param type the event type
 * @param timestampText the RFC 3339 timestamp exactly as signed
 * @param timestamp {@code timestampText}, parsed
 * @param payload the event payload; shared with the envelope's tree, so treat it as read-only
 *     ({@code deepCopy()} it to change it)
 */
public record InnerEvent(
        String id, String type, String timestampText, Instant timestamp, ObjectNode payload) {}
