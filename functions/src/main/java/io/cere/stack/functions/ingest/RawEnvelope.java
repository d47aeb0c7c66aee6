package io.cere.stack.functions.ingest;

import java.util.Arrays;
import java.util.Objects;

/**
 * An envelope as read from {@code events.raw}: the bytes a client sent and what the gateway (or the
 * broker, for other producers) recorded about its arrival.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) so it crosses the network without Kryo.
 */
public class RawEnvelope {

    /** The envelope exactly as received: UTF-8 JSON, unparsed. */
    public byte[] value;

    /**
     * The client address the gateway saw, or {@code null} if the record did not come through it.
     */
    public String clientIp;

    /** When the envelope was received, epoch milliseconds. */
    public long receivedAt;

    public String topic;
    public int partition;
    public long offset;

    public RawEnvelope() {}

    public RawEnvelope(
            byte[] value,
            String clientIp,
            long receivedAt,
            String topic,
            int partition,
            long offset) {
        this.value = value;
        this.clientIp = clientIp;
        this.receivedAt = receivedAt;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /**
     * Where the record was read, for messages and dead-letter keys: {@code topic-partition@offset}.
     */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RawEnvelope)) {
            return false;
        }
        RawEnvelope that = (RawEnvelope) o;
        return receivedAt == that.receivedAt
                && partition == that.partition
                && offset == that.offset
                && Arrays.equals(value, that.value)
                && Objects.equals(clientIp, that.clientIp)
                && Objects.equals(topic, that.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(value), clientIp, receivedAt, topic, partition, offset);
    }

    @Override
    public String toString() {
        return "RawEnvelope{" + position() + ", " + (value == null ? 0 : value.length) + " bytes}";
    }
}
