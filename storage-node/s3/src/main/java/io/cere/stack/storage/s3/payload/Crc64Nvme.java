package io.cere.stack.storage.s3.payload;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME (reflected polynomial {@code 0x9a6c9329ac4bc9b5}, initial value and final XOR all
 * ones), one of the checksums S3 clients may send in {@code x-amz-checksum-crc64nvme}.
 */
public final class Crc64Nvme implements Checksum {

    private static final long[] TABLE = new long[256];

    static {
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9a6c9329ac4bc9b5L : crc >>> 1;
            }
            TABLE[n] = crc;
        }
    }

    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        long value = crc;
        for (int i = offset; i < offset + length; i++) {
            value = TABLE[(int) ((value ^ bytes[i]) & 0xff)] ^ (value >>> 8);
        }
        crc = value;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }
}
