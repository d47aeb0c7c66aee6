package io.cere.stack.functions.ingest;

/** Why IngestJob refused an envelope. The code is what {@code events.rejected} carries. */
public enum RejectReason {
    /** Not JSON, or JSON that is not an envelope: a field is missing, mistyped or out of range. */
    MALFORMED,
    /** The Ed25519 signature does not verify against {@code accountId} over the canonical form. */
    BAD_SIGNATURE,
    /** The timestamp (or an inner event's) is further in the future than the allowed clock skew. */
    CLOCK_SKEW,
    /** The envelope declares a {@code version} this build does not understand. */
    UNSUPPORTED_VERSION,
    /**
     * The envelope is larger than IngestJob forwards (it would not fit a Kafka record downstream).
     */
    TOO_LARGE
}
