package io.cere.stack.storage.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lower-case hex and SHA-256, as SigV4 writes them. */
public final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {}

    public static String encode(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** Whether {@code text} is 64 lower- or upper-case hex digits (a SHA-256 in hex). */
    public static boolean isSha256(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    public static byte[] sha256(byte[] bytes) {
        return newSha256().digest(bytes);
    }

    public static String sha256Hex(byte[] bytes) {
        return encode(sha256(bytes));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static MessageDigest newSha256() {
        return digest("SHA-256");
    }

    public static MessageDigest newMd5() {
        return digest("MD5");
    }

    /** The SHA-256 of no bytes, the payload hash of a request without a body. */
    public static final String EMPTY_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides " + algorithm, e);
        }
    }
}
