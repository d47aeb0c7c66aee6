package io.cere.stack.storage.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The signatures of an aws-chunked body: each chunk's signature covers its bytes and the signature
 * before it, starting from the request's own (the seed), so chunks can be neither altered nor
 * reordered nor dropped. A signed trailer covers the trailing headers and the last chunk's
 * signature. Not thread-safe: one chain per request.
 */
public final class ChunkSignatureChain {

    private final SigningKey key;
    private final String timestamp;
    private String previous;

    /**
     * @param timestamp the request's {@code x-amz-date}
     * @param seedSignature the signature of the request's headers
     */
    public ChunkSignatureChain(SigningKey key, String timestamp, String seedSignature) {
        this.key = key;
        this.timestamp = timestamp;
        this.previous = seedSignature;
    }

    /** The signature the next chunk must carry, given the SHA-256 of its bytes. */
    public String expectedChunk(byte[] chunkSha256) {
        return key.sign(
                "AWS4-HMAC-SHA256-PAYLOAD\n"
                        + timestamp
                        + '\n'
                        + key.scope()
                        + '\n'
                        + previous
                        + '\n'
                        + Hex.EMPTY_SHA256
                        + '\n'
                        + Hex.encode(chunkSha256));
    }

    /**
     * The signature the trailer must carry.
     *
     * @param canonicalTrailers each trailing header as {@code name:value\n}, names in lower case
     */
    public String expectedTrailer(String canonicalTrailers) {
        return key.sign(
                "AWS4-HMAC-SHA256-TRAILER\n"
                        + timestamp
                        + '\n'
                        + key.scope()
                        + '\n'
                        + previous
                        + '\n'
                        + Hex.sha256Hex(canonicalTrailers));
    }

    /** Whether the next chunk carries the right signature; on success the chain moves on. */
    public boolean acceptChunk(byte[] chunkSha256, String claimedSignature) {
        return accept(expectedChunk(chunkSha256), claimedSignature);
    }

    public boolean acceptTrailer(String canonicalTrailers, String claimedSignature) {
        return accept(expectedTrailer(canonicalTrailers), claimedSignature);
    }

    private boolean accept(String expected, String claimed) {
        boolean matches =
                MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII),
                        claimed.getBytes(StandardCharsets.US_ASCII));
        if (matches) {
            previous = expected;
        }
        return matches;
    }
}
