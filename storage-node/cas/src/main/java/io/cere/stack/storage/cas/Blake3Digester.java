package io.cere.stack.storage.cas;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.digests.Blake3Digest;

/** A {@link Digester} over Bouncy Castle's BLAKE3 with the default 32-byte output. */
final class Blake3Digester implements Digester {

    private static final int CHUNK = 8192;

    private final Blake3Digest digest = new Blake3Digest();
    private byte[] chunk;
    private boolean finished;

    @Override
    public HashAlgorithm algorithm() {
        return HashAlgorithm.BLAKE3;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        requireOpen();
        digest.update(bytes, offset, length);
    }

    @Override
    public void update(ByteBuffer bytes) {
        requireOpen();
        if (bytes.hasArray()) {
            int offset = bytes.arrayOffset() + bytes.position();
            digest.update(bytes.array(), offset, bytes.remaining());
            bytes.position(bytes.limit());
            return;
        }
        if (chunk == null) {
            chunk = new byte[CHUNK];
        }
        while (bytes.hasRemaining()) {
            int length = Math.min(chunk.length, bytes.remaining());
            bytes.get(chunk, 0, length);
            digest.update(chunk, 0, length);
        }
    }

    @Override
    public byte[] digest() {
        requireOpen();
        finished = true;
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("blake3 digester is already finished");
        }
    }
}
