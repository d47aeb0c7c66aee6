package io.cere.stack.schemas.envelope;

import java.nio.charset.StandardCharsets;

/** Kafka header names and encodings on the {@code events.raw} topic, written by the gateway. */
public final class RawEventHeaders {

    /** The client address the gateway saw, UTF-8 text. */
    public static final String CLIENT_IP = "cere.client-ip";

    /** When the gateway received the envelope: epoch milliseconds as decimal ASCII digits. */
    public static final String RECEIVED_AT = "cere.received-at";

    private static final int MAX_DIGITS = String.valueOf(Long.MAX_VALUE).length();

    private RawEventHeaders() {}

    /** The {@link #RECEIVED_AT} header value for {@code epochMillis}. */
    public static byte[] receivedAt(long epochMillis) {
        if (epochMillis < 0) {
            throw new IllegalArgumentException(
                    "expected epoch milliseconds >= 0 for " + RECEIVED_AT + ", got " + epochMillis);
        }
        return Long.toString(epochMillis).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The epoch milliseconds in a {@link #RECEIVED_AT} header value.
     *
     * @throws IllegalArgumentException unless the value is 1 to 19 ASCII digits within {@code long}
     */
    public static long parseReceivedAt(byte[] value) {
        if (value == null || value.length == 0 || value.length > MAX_DIGITS) {
            throw badReceivedAt(value);
        }
        long millis = 0;
        for (byte b : value) {
            if (b < '0' || b > '9') {
                throw badReceivedAt(value);
            }
            millis = millis * 10 + (b - '0');
            // With at most 19 digits an overflow always wraps to a negative number.
            if (millis < 0) {
                throw badReceivedAt(value);
            }
        }
        return millis;
    }

    private static IllegalArgumentException badReceivedAt(byte[] value) {
        String seen =
                value == null
                        ? "no value"
                        : "\""
                                + new String(
                                        value,
                                        0,
                                        Math.min(value.length, 64),
                                        StandardCharsets.ISO_8859_1)
                                + "\"";
        return new IllegalArgumentException(
                "expected "
                        + RECEIVED_AT
                        + " to be epoch milliseconds as decimal ASCII digits, got "
                        + seen);
    }
}
