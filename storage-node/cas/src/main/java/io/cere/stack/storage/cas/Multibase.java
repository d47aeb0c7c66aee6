package io.cere.stack.storage.cas;

import java.util.Arrays;
import java.util.Map;

/**
 * Multibase text with one base: RFC 4648 base32, lower case, no padding, prefix {@code 'b'}. It is
 * the form IPFS prints CIDv1 in, and it is safe in URL paths, DNS labels and file names on
 * case-insensitive file systems.
 *
 * <p>Decoding is strict: any other multibase prefix, any character outside {@code a-z2-7} (upper
 * case and {@code '='} padding included), a length no byte string encodes to, and non-zero bits
 * after the last byte are rejected, so each byte string has exactly one text form.
 */
public final class Multibase {

    /** The multibase prefix of base32 lower case without padding. */
    public static final char BASE32_PREFIX = 'b';

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int[] VALUES = new int[128];

    /** Other prefixes people are likely to paste, so the error can say what they have. */
    private static final Map<Character, String> OTHER_BASES =
            Map.of(
                    'B', "base32upper",
                    'c', "base32pad",
                    'f', "base16",
                    'F', "base16upper",
                    'k', "base36",
                    'm', "base64",
                    'u', "base64url",
                    'z', "base58btc",
                    'Q', "none (a CIDv0 in bare base58btc)");

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    private Multibase() {}

    /** {@code 'b'} followed by the base32 of {@code bytes}. */
    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(1 + (bytes.length * 8 + 4) / 5);
        out.append(BASE32_PREFIX);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(ALPHABET[(buffer >>> bits) & 0x1f]);
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1f]);
        }
        return out.toString();
    }

    /**
     * The bytes of {@code text}, which must be {@code 'b'} followed by base32 lower case without
     * padding.
     *
     * @throws IllegalArgumentException naming the prefix, character or length that is wrong
     */
    public static byte[] decode(CharSequence text) {
        if (text.length() == 0) {
            throw new IllegalArgumentException(
                    "multibase text is empty; expected the prefix '" + BASE32_PREFIX + "'");
        }
        char prefix = text.charAt(0);
        if (prefix != BASE32_PREFIX) {
            String base = OTHER_BASES.get(prefix);
            throw new IllegalArgumentException(
                    "multibase prefix '"
                            + prefix
                            + "'"
                            + (base == null ? "" : " (" + base + ")")
                            + " is not supported; only '"
                            + BASE32_PREFIX
                            + "' (base32 lower case, no padding) is accepted");
        }
        int digits = text.length() - 1;
        byte[] out = new byte[(int) (digits * 5L / 8)];
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            int value = c < VALUES.length ? VALUES[c] : -1;
            if (value < 0) {
                throw new IllegalArgumentException(
                        "invalid base32 character '"
                                + c
                                + "' (U+"
                                + String.format("%04X", (int) c)
                                + ") at index "
                                + i
                                + "; expected a-z or 2-7");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[written++] = (byte) (buffer >>> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        if (bits >= 5) { // a whole unused character: no byte string ends like this
            throw new IllegalArgumentException(
                    "base32 text of "
                            + digits
                            + " characters has an impossible length: no byte string encodes to"
                            + " it (lengths 1, 3 and 6 modulo 8 do not occur)");
        }
        if (buffer != 0) {
            throw new IllegalArgumentException(
                    "base32 text ends in non-zero padding bits (last character '"
                            + text.charAt(text.length() - 1)
                            + "'): it is not the canonical encoding of any byte string");
        }
        return out;
    }
}
