package io.cere.stack.storage.s3.auth;

/**
 * How a request's body is protected, as its {@code x-amz-content-sha256} says. The streaming modes
 * send the body aws-chunked: each chunk framed by its size and, when signed, by a signature that
 * chains to the previous one; the trailer modes end with trailing headers such as {@code
 * x-amz-checksum-crc32}.
 */
public enum PayloadMode {
    /** The header holds the hex SHA-256 of the whole body. */
    SIGNED_HASH(null, false, false),
    UNSIGNED("UNSIGNED-PAYLOAD", false, false),
    STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true, false),
    STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true, true),
    STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER", false, true);

    private final String headerValue;
    private final boolean signedChunks;
    private final boolean trailer;

    PayloadMode(String headerValue, boolean signedChunks, boolean trailer) {
        this.headerValue = headerValue;
        this.signedChunks = signedChunks;
        this.trailer = trailer;
    }

    /** The value of {@code x-amz-content-sha256} that selects this mode. */
    public String headerValue() {
        return headerValue;
    }

    public boolean awsChunked() {
        return this == STREAMING_SIGNED
                || this == STREAMING_SIGNED_TRAILER
                || this == STREAMING_UNSIGNED_TRAILER;
    }

    public boolean signedChunks() {
        return signedChunks;
    }

    public boolean trailer() {
        return trailer;
    }

    /** The mode a payload hash names, or {@code null} when it is neither a mode nor a SHA-256. */
    public static PayloadMode of(String payloadHash) {
        for (PayloadMode mode : values()) {
            if (mode.headerValue != null && mode.headerValue.equals(payloadHash)) {
                return mode;
            }
        }
        return Hex.isSha256(payloadHash) ? SIGNED_HASH : null;
    }
}
