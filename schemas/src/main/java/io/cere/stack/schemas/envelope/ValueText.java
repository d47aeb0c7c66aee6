package io.cere.stack.schemas.envelope;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How error messages show the value they reject: JSON text, at most 64 characters, with control
 * characters and unpaired surrogates escaped so that a message is always safe to log.
 */
final class ValueText {

    static final int MAX_LENGTH = 64;

    private ValueText() {}

    static String of(JsonNode value) {
        return truncate(value.isTextual() ? quote(value.textValue()) : value.toString());
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8).append('"');
        int length = text.length();
        for (int i = 0; i < length && out.length() <= MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < length
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String truncate(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int end = MAX_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }
}
