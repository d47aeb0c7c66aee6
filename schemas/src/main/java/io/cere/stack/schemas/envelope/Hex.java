package io.cere.stack.schemas.envelope;

/** Base 16 text of byte strings, as used for keys and signatures in envelopes. */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /** Lower-case hex of {@code bytes}, two characters per byte. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * The bytes that {@code hex} spells; upper and lower case digits are both accepted.
     *
     * @throws IllegalArgumentException if the length is odd or a character is not a hex digit
     */
    public static byte[] decode(CharSequence hex) {
        int length = hex.length();
        if (length % 2 != 0) {
            throw new IllegalArgumentException(
                    "expected an even number of hex digits, got " + length + " characters");
        }
        byte[] out = new byte[length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (digit(hex, 2 * i) << 4 | digit(hex, 2 * i + 1));
        }
        return out;
    }

    /** Whether {@code text} is exactly {@code length} hex digits (either case). */
    static boolean isHex(CharSequence text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (valueOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int digit(CharSequence hex, int index) {
        char c = hex.charAt(index);
        int value = valueOf(c);
        if (value < 0) {
            throw new IllegalArgumentException(
                    "expected a hex digit (0-9, a-f, A-F) at index "
                            + index
                            + ", got '"
                            + (Character.isISOControl(c) || Character.isSurrogate(c)
                                    ? String.format("\\u%04x", (int) c)
                                    : String.valueOf(c))
                            + "'");
        }
        return value;
    }

    /**
     * The value of an ASCII hex digit, or -1; {@code Character.digit} would accept other scripts.
     */
    private static int valueOf(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
