package io.cere.stack.schemas.envelope;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Ed25519 signatures (RFC 8032, pure variant, no context) over raw 32-byte keys.
 *
 * <p>Backed by Bouncy Castle's low-level {@code rfc8032} code rather than a JCA provider: it works
 * on raw key bytes, as envelopes carry them, and verifies many times faster than the JDK's EdDSA.
 * Verification is strict where RFC 8032 section 5.1.7 asks it to be: S must be below the group
 * order and R a canonical point encoding, so signatures are not malleable (the Wycheproof suite in
 * the tests checks both).
 */
public final class Ed25519 {

    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int PRIVATE_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;

    private Ed25519() {}

    /**
     * A private key (the RFC 8032 32-byte seed) and the public key derived from it. The arrays are
     * copied in and out.
     */
    public record KeyPair(byte[] privateKey, byte[] publicKey) {

        public KeyPair {
            requireLength("privateKey", privateKey, PRIVATE_KEY_BYTES);
            requireLength("publicKey", publicKey, PUBLIC_KEY_BYTES);
            privateKey = privateKey.clone();
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] privateKey() {
            return privateKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        /** The public key in lower-case hex, as it appears in an envelope's accountId. */
        public String publicKeyHex() {
            return Hex.encode(publicKey);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KeyPair that
                    && Arrays.equals(privateKey, that.privateKey)
                    && Arrays.equals(publicKey, that.publicKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(publicKey);
        }

        /** Names the public key only, so that logging a key pair never leaks the private key. */
        @Override
        public String toString() {
            return "Ed25519.KeyPair[publicKey=" + publicKeyHex() + "]";
        }
    }

    /** A fresh key pair drawn from {@code random}. */
    public static KeyPair generate(SecureRandom random) {
        byte[] privateKey = new byte[PRIVATE_KEY_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePrivateKey(random, privateKey);
        return new KeyPair(privateKey, publicKeyOf(privateKey));
    }

    /**
     * The public key of {@code privateKey}.
     *
     * @throws IllegalArgumentException if {@code privateKey} is not 32 bytes
     */
    public static byte[] publicKeyOf(byte[] privateKey) {
        requireLength("privateKey", privateKey, PRIVATE_KEY_BYTES);
        byte[] publicKey = new byte[PUBLIC_KEY_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(privateKey, 0, publicKey, 0);
        return publicKey;
    }

    /**
     * The 64-byte signature of {@code message} (deterministic, as RFC 8032 defines it).
     *
     * @throws IllegalArgumentException if {@code privateKey} is not 32 bytes
     */
    public static byte[] sign(byte[] privateKey, byte[] message) {
        requireLength("privateKey", privateKey, PRIVATE_KEY_BYTES);
        Objects.requireNonNull(message, "message");
        byte[] signature = new byte[SIGNATURE_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
                privateKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * As {@link #sign(byte[], byte[])}, with the public key taken from {@code keys} instead of
     * derived from the private key again: about half the work, for signers of many messages.
     */
    public static byte[] sign(KeyPair keys, byte[] message) {
        Objects.requireNonNull(message, "message");
        byte[] signature = new byte[SIGNATURE_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
                keys.privateKey, 0, keys.publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * Whether {@code signature} is a valid signature of {@code message} by {@code publicKey}. Never
     * throws: null arguments, wrong lengths, keys that are not curve points and malformed
     * signatures all give {@code false}.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null
                || publicKey.length != PUBLIC_KEY_BYTES
                || message == null
                || signature == null
                || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                signature, 0, publicKey, 0, message, 0, message.length);
    }

    /**
     * A public key decoded once, for verifying many signatures of one account. Decoding the key
     * (point decompression) is a good share of a verify, and an account signs many events.
     *
     * <p>Keys that pass Bouncy Castle's full validation are kept as a decoded point; any other key
     * (non-canonical, small order) is verified through the same path as {@link
     * Ed25519#verify(byte[], byte[], byte[])}, so both give the same answer for every input.
     */
    public static final class VerifyingKey {

        private final byte[] encoded;
        private final org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point;

        private VerifyingKey(byte[] encoded) {
            this.encoded = encoded;
            this.point =
                    org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFullExport(
                            encoded, 0);
        }

        /**
         * @throws IllegalArgumentException if {@code publicKey} is not 32 bytes
         */
        public static VerifyingKey of(byte[] publicKey) {
            requireLength("publicKey", publicKey, PUBLIC_KEY_BYTES);
            return new VerifyingKey(publicKey.clone());
        }

        /** As {@link Ed25519#verify(byte[], byte[], byte[])} with this key; never throws. */
        public boolean verify(byte[] message, byte[] signature) {
            if (message == null || signature == null || signature.length != SIGNATURE_BYTES) {
                return false;
            }
            return point != null
                    ? org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                            signature, 0, point, message, 0, message.length)
                    : org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                            signature, 0, encoded, 0, message, 0, message.length);
        }
    }

    private static void requireLength(String name, byte[] bytes, int expected) {
        Objects.requireNonNull(bytes, name);
        if (bytes.length != expected) {
            throw new IllegalArgumentException(
                    "expected a "
                            + expected
                            + "-byte Ed25519 "
                            + name
                            + ", got "
                            + bytes.length
                            + " bytes");
        }
    }
}
