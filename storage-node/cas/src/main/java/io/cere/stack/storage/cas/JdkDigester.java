package io.cere.stack.storage.cas;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A {@link Digester} over a JDK {@link MessageDigest}, which uses the CPU's SHA instructions. */
final class JdkDigester implements Digester {

    private final HashAlgorithm algorithm;
    private final MessageDigest digest;
    private boolean finished;

    JdkDigester(HashAlgorithm algorithm, String jdkName) {
        this.algorithm = algorithm;
        try {
            this.digest = MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(
                    "the JDK has no " + jdkName + ", which every Java SE platform must provide", e);
        }
    }

    @Override
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        requireOpen();
        digest.update(bytes, offset, length);
    }

    @Override
    public void update(ByteBuffer bytes) {
        requireOpen();
        digest.update(bytes);
    }

    @Override
    public byte[] digest() {
        requireOpen();
        finished = true;
        return digest.digest();
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException(algorithm + " digester is already finished");
        }
    }
}
