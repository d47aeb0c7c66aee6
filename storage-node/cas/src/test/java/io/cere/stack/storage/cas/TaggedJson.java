package io.cere.stack.storage.cas;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes a DAG-CBOR document as ASCII JSON in which every value keeps its exact type, for handing
 * documents to JavaScript, whose JSON has one number type: integers become {@code {"int":
 * "decimal"}}, doubles {@code {"float": "hex of the IEEE bits"}}, byte strings {@code {"bytes":
 * "hex"}}, CIDs {@code {"cid": "b..."}} and maps {@code {"map": [[key, value], ...]}}; null,
 * booleans, strings and lists stand for themselves.
 */
final class TaggedJson {

    private static final HexFormat HEX = HexFormat.of();

    private TaggedJson() {}

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    static void write(Object value, StringBuilder out) {
        if (value == null || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Long || value instanceof Integer) {
            out.append("{\"int\":\"").append(value).append("\"}");
        } else if (value instanceof Double number) {
            out.append("{\"float\":\"")
                    .append(HEX.toHexDigits(Double.doubleToRawLongBits(number)))
                    .append("\"}");
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof byte[] bytes) {
            out.append("{\"bytes\":\"").append(HEX.formatHex(bytes)).append("\"}");
        } else if (value instanceof Cid cid) {
            out.append("{\"cid\":\"").append(cid).append("\"}");
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append("{\"map\":[");
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "[" : ",[");
                first = false;
                string((String) entry.getKey(), out);
                out.append(',');
                write(entry.getValue(), out);
                out.append(']');
            }
            out.append("]}");
        } else {
            throw new IllegalArgumentException("no tagged JSON form for " + value.getClass());
        }
    }

    /** A JSON string with everything outside printable ASCII escaped, surrogates one by one. */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
