package io.cere.stack.functions.ingest;

import java.util.Objects;

/**
 * An envelope that IngestJob refused, with the reason. Written to {@code events.rejected} as JSON
 * (see {@link RejectionJson}) so that people can read it.
 */
public class Rejection {

    public RejectReason reason;
    public String message;

    /** The envelope id if it could be read, else {@code null}. */
    public String eventId;

    public long receivedAt;
    public String clientIp;
    public byte[] original;
    public String topic;
    public int partition;
    public long offset;

    public Rejection() {}

    public static Rejection of(
            RejectReason reason, String message, String eventId, RawEnvelope raw) {
        Rejection r = new Rejection();
        r.reason = reason;
        r.message = message;
        r.eventId = eventId;
        r.receivedAt = raw.receivedAt;
        r.clientIp = raw.clientIp;
        r.original = raw.value;
        r.topic = raw.topic;
        r.partition = raw.partition;
        r.offset = raw.offset;
        return r;
    }

    /** The Kafka key: the event id, or the source position when the id could not be read. */
    public String key() {
        return eventId != null ? eventId : topic + "-" + partition + "@" + offset;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Rejection)) {
            return false;
        }
        Rejection that = (Rejection) o;
        return reason == that.reason
                && Objects.equals(message, that.message)
                && Objects.equals(eventId, that.eventId)
                && offset == that.offset
                && partition == that.partition;
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, message, eventId, partition, offset);
    }

    @Override
    public String toString() {
        return "Rejection{" + reason + " " + key() + ": " + message + "}";
    }
}
