package io.cere.stack.storage.s3.payload;

import io.cere.stack.storage.s3.S3ErrorCode;
import io.cere.stack.storage.s3.S3Exception;
import io.cere.stack.storage.s3.auth.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A request body that checks itself while it is read: its length against the declared one, and when
 * asked its SHA-256 ({@code x-amz-content-sha256}), MD5 ({@code Content-MD5}) and an additional
 * checksum ({@code x-amz-checksum-*}, in a header or an aws-chunked trailer). The checks run when
 * the last byte has been read, before end-of-stream is reported, so a consumer that stores what it
 * reads sees an exception instead of a clean end when anything is wrong. The MD5 of what was read
 * (the S3 ETag) is available afterwards.
 */
public final class VerifiedPayload extends InputStream {

    private final InputStream in;
    private final long declaredLength;
    private final MessageDigest md5 = Hex.newMd5();
    private MessageDigest sha256;
    private String expectedSha256;
    private String expectedContentMd5;
    private ChecksumAlgorithm checksumAlgorithm;
    private ChecksumAlgorithm.RunningChecksum checksum;
    private Supplier<Optional<String>> expectedChecksum;

    private long read;
    private byte[] digest;
    private PayloadRejectedException rejection;

    /**
     * @param declaredLength the number of bytes the body must have
     */
    public VerifiedPayload(InputStream in, long declaredLength) {
        if (declaredLength < 0) {
            throw new IllegalArgumentException(
                    "declared length must be at least 0, was " + declaredLength);
        }
        this.in = in;
        this.declaredLength = declaredLength;
    }

    /** The body must have this SHA-256 (hex); a mismatch is {@code XAmzContentSHA256Mismatch}. */
    public VerifiedPayload expectSha256(String hex) {
        this.sha256 = Hex.newSha256();
        this.expectedSha256 = hex.toLowerCase(java.util.Locale.ROOT);
        return this;
    }

    /** The body must have this MD5 (base64, as in {@code Content-MD5}); else {@code BadDigest}. */
    public VerifiedPayload expectContentMd5(String base64) {
        this.expectedContentMd5 = base64;
        return this;
    }

    /**
     * The body must have the checksum {@code expected} supplies once the body has been read (an
     * aws-chunked trailer is known only then); else {@code BadDigest}.
     */
    public VerifiedPayload expectChecksum(
            ChecksumAlgorithm algorithm, Supplier<Optional<String>> expected) {
        this.checksumAlgorithm = algorithm;
        this.checksum = algorithm.start();
        this.expectedChecksum = expected;
        return this;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (rejection != null) {
            throw rejection;
        }
        if (digest != null) {
            return -1;
        }
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (PayloadRejectedException e) {
            rejection = e;
            throw e;
        }
        if (n < 0) {
            verify();
            return -1;
        }
        read += n;
        if (read > declaredLength) {
            throw reject(
                    S3ErrorCode.INVALID_REQUEST,
                    "The body holds more than the " + declaredLength + " bytes it declared.");
        }
        md5.update(buffer, offset, n);
        if (sha256 != null) {
            sha256.update(buffer, offset, n);
        }
        if (checksum != null) {
            checksum.update(buffer, offset, n);
        }
        return n;
    }

    /** Reads whatever the consumer left unread, so that every check has run. */
    public void finish() throws IOException {
        byte[] buffer = new byte[8192];
        while (read(buffer, 0, buffer.length) >= 0) {
            // discard: the consumer decided it had enough; the checks still need the rest
        }
    }

    /** The first check that failed, if any, also when a consumer wrapped the exception. */
    public Optional<S3Exception> rejection() {
        return Optional.ofNullable(rejection).map(PayloadRejectedException::rejection);
    }

    /** The MD5 of the whole body; only after it was read to its end without rejection. */
    public byte[] md5() {
        if (digest == null) {
            throw new IllegalStateException("the body has not been read to its end");
        }
        return digest.clone();
    }

    public long length() {
        return read;
    }

    private void verify() throws PayloadRejectedException {
        if (read < declaredLength) {
            throw reject(
                    S3ErrorCode.INCOMPLETE_BODY,
                    "The body ended after "
                            + read
                            + " of the "
                            + declaredLength
                            + " bytes it declared.");
        }
        if (sha256 != null && !Hex.encode(sha256.digest()).equals(expectedSha256)) {
            throw reject(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH, null);
        }
        byte[] bodyMd5 = md5.digest();
        if (expectedContentMd5 != null
                && !Base64.getEncoder().encodeToString(bodyMd5).equals(expectedContentMd5)) {
            throw reject(S3ErrorCode.BAD_DIGEST, null);
        }
        if (checksum != null) {
            String expected = expectedChecksum.get().orElse(null);
            if (expected == null || !expected.equals(checksum.base64())) {
                throw reject(
                        S3ErrorCode.BAD_DIGEST,
                        "The "
                                + checksumAlgorithm.headerName()
                                + " you specified did not match the calculated checksum.");
            }
        }
        digest = bodyMd5;
    }

    private PayloadRejectedException reject(S3ErrorCode code, String message) {
        rejection =
                new PayloadRejectedException(
                        message == null ? code.exception() : code.exception(message));
        return rejection;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
