package io.cere.stack.storage.s3.auth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding: every byte of the UTF-8 form except the unreserved characters {@code A-Z
 * a-z 0-9 - _ . ~} becomes {@code %XY} with upper-case hex. S3 object keys in paths keep their
 * {@code /}; query names and values encode it too.
 */
public final class AwsUriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AwsUriEncoding() {}

    public static String encode(String text, boolean keepSlash) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes {@code %XY} escapes of a path; a {@code +} stays a plus, as S3 reads paths.
     *
     * @throws IllegalArgumentException on a truncated or non-hex escape, or bytes that are not
     *     UTF-8
     */
    public static String decodePath(String raw) {
        return decode(raw, false);
    }

    /**
     * Decodes a query name or value: {@code %XY} escapes, and {@code +} as a space, as HTML forms
     * and most HTTP clients write queries.
     */
    public static String decodeQuery(String raw) {
        return decode(raw, true);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated %-escape at " + i + " in " + raw);
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid %-escape at " + i + " in " + raw);
                }
                escaped.write((hi << 4) | lo);
                i += 2;
            } else {
                appendUtf8(escaped, out, raw);
                out.append(c == '+' && plusIsSpace ? ' ' : c);
            }
        }
        appendUtf8(escaped, out, raw);
        return out.toString();
    }

    /** Appends the escaped bytes gathered so far, which must be whole UTF-8 characters. */
    private static void appendUtf8(ByteArrayOutputStream escaped, StringBuilder out, String raw) {
        if (escaped.size() == 0) {
            return;
        }
        try {
            out.append(
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(ByteBuffer.wrap(escaped.toByteArray())));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("escapes in " + raw + " are not UTF-8", e);
        }
        escaped.reset();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_'
                || c == '.'
                || c == '~';
    }
}
