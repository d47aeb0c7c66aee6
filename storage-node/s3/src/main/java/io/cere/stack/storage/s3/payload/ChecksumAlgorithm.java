package io.cere.stack.storage.s3.payload;

import io.cere.stack.storage.s3.auth.Hex;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The additional checksums S3 clients send with a body, in a header or an aws-chunked trailer named
 * {@code x-amz-checksum-<algorithm>}, as base64 of the big-endian checksum or digest.
 */
public enum ChecksumAlgorithm {
    CRC32(() -> crc(new CRC32(), 4)),
    CRC32C(() -> crc(new CRC32C(), 4)),
    CRC64NVME(() -> crc(new Crc64Nvme(), 8)),
    SHA1(() -> digest("SHA-1")),
    SHA256(() -> digest("SHA-256"));

    private final Supplier<RunningChecksum> factory;

    ChecksumAlgorithm(Supplier<RunningChecksum> factory) {
        this.factory = factory;
    }

    /** The header (or trailer) that carries this checksum. */
    public String headerName() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    public RunningChecksum start() {
        return factory.get();
    }

    /** The algorithm a header name such as {@code x-amz-checksum-crc32} names. */
    public static Optional<ChecksumAlgorithm> ofHeader(String headerName) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.headerName().equalsIgnoreCase(headerName)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** A checksum being computed over bytes as they stream past. */
    public interface RunningChecksum {
        void update(byte[] bytes, int offset, int length);

        /** The value so far, base64 as S3 writes it. */
        String base64();
    }

    private static RunningChecksum crc(Checksum checksum, int bytes) {
        return new RunningChecksum() {
            @Override
            public void update(byte[] data, int offset, int length) {
                checksum.update(data, offset, length);
            }

            @Override
            public String base64() {
                byte[] value = ByteBuffer.allocate(8).putLong(checksum.getValue()).array();
                byte[] tail = new byte[bytes];
                System.arraycopy(value, 8 - bytes, tail, 0, bytes);
                return Base64.getEncoder().encodeToString(tail);
            }
        };
    }

    private static RunningChecksum digest(String algorithm) {
        MessageDigest digest = algorithm.equals("SHA-256") ? Hex.newSha256() : sha1();
        return new RunningChecksum() {
            @Override
            public void update(byte[] data, int offset, int length) {
                digest.update(data, offset, length);
            }

            @Override
            public String base64() {
                try {
                    return Base64.getEncoder()
                            .encodeToString(((MessageDigest) digest.clone()).digest());
                } catch (CloneNotSupportedException e) {
                    throw new IllegalStateException("JDK digests can be cloned", e);
                }
            }
        };
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-1", e);
        }
    }
}
