package io.cere.stack.schemas.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes an envelope signature covers.
 *
 * <p>Object members are sorted by the UTF-16 code units of their names, strings are escaped as
 * ECMAScript's {@code JSON.stringify} escapes them, and every number is written as the IEEE double
 * it denotes, in ECMAScript's {@code Number.prototype.toString} form. The output is byte for byte
 * what the npm {@code canonicalize} package produces, which is what browser and Node clients sign.
 *
 * <p>Input must be I-JSON (RFC 7493): NaN, infinities and strings with unpaired surrogates have no
 * canonical form and are rejected with {@link IllegalArgumentException}.
 */
public final class CanonicalJson {

    private static final long TWO_POW_53 = 1L << 53;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    /**
     * The canonical JSON text of {@code node}.
     *
     * @throws IllegalArgumentException if the tree holds a non-finite number, a string with an
     *     unpaired surrogate, or a node that is not JSON (binary, POJO, missing)
     */
    public static String canonicalize(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        appendValue(out, node);
        return out.toString();
    }

    /** The UTF-8 bytes of {@link #canonicalize(JsonNode)}. */
    public static byte[] canonicalBytes(JsonNode node) {
        return canonicalize(node).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * ECMAScript {@code Number.prototype.toString} of {@code value}: the shortest decimal that
     * reads back as {@code value}, in plain notation from 1e-7 up to 1e21 and as {@code 1.5e+21} /
     * {@code 1e-7} outside it; {@code -0} gives {@code "0"}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static String formatNumber(double value) {
        return EcmaScriptNumber.toString(value);
    }

    /**
     * The canonical UTF-8 bytes of {@code object} without its top-level member {@code excluded},
     * without copying the tree.
     */
    static byte[] canonicalBytesWithout(ObjectNode object, String excluded) {
        StringBuilder out = new StringBuilder(256);
        appendObject(out, object, excluded);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An envelope's signed bytes and, cut out of them, the canonical text of each payload. */
    record CanonicalEnvelope(byte[] signedContent, String[] payloads) {}

    /**
     * The canonical bytes of a structurally valid envelope without {@code excluded}, keeping the
     * canonical text of its {@code payload} (single mode) or of each {@code events[i].payload}
     * (batch mode) as it is written: every accepted event carries its payload in canonical form,
     * and canonicalizing each one a second time would cost as much again.
     */
    static CanonicalEnvelope canonicalEnvelope(
            ObjectNode envelope, String excluded, boolean batchMode) {
        StringBuilder out = new StringBuilder(256);
        List<String> payloads = new ArrayList<>();
        Map.Entry<String, JsonNode>[] members = sortedMembers(envelope, excluded);
        out.append('{');
        for (int i = 0; i < members.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String name = members[i].getKey();
            JsonNode value = members[i].getValue();
            appendString(out, name);
            out.append(':');
            if (!batchMode && name.equals("payload")) {
                appendCut(out, value, payloads);
            } else if (batchMode && name.equals("events") && value.isArray()) {
                out.append('[');
                for (int e = 0; e < value.size(); e++) {
                    if (e > 0) {
                        out.append(',');
                    }
                    appendEvent(out, value.get(e), payloads);
                }
                out.append(']');
            } else {
                appendValue(out, value);
            }
        }
        out.append('}');
        return new CanonicalEnvelope(
                out.toString().getBytes(StandardCharsets.UTF_8), payloads.toArray(String[]::new));
    }

    private static void appendEvent(StringBuilder out, JsonNode event, List<String> payloads) {
        if (!event.isObject()) {
            appendValue(out, event);
            return;
        }
        Map.Entry<String, JsonNode>[] members = sortedMembers((ObjectNode) event, null);
        out.append('{');
        for (int i = 0; i < members.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, members[i].getKey());
            out.append(':');
            if (members[i].getKey().equals("payload")) {
                appendCut(out, members[i].getValue(), payloads);
            } else {
                appendValue(out, members[i].getValue());
            }
        }
        out.append('}');
    }

    private static void appendCut(StringBuilder out, JsonNode value, List<String> cuts) {
        int start = out.length();
        appendValue(out, value);
        cuts.add(out.substring(start));
    }

    private static void appendValue(StringBuilder out, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> appendObject(out, (ObjectNode) node, null);
            case ARRAY -> appendArray(out, node);
            case STRING -> appendString(out, node.textValue());
            case NUMBER -> appendNumber(out, node);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default ->
                    throw new IllegalArgumentException(
                            "expected a JSON value, got a " + node.getNodeType() + " node");
        }
    }

    private static void appendObject(StringBuilder out, ObjectNode object, String excluded) {
        Map.Entry<String, JsonNode>[] members = sortedMembers(object, excluded);
        out.append('{');
        for (int i = 0; i < members.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, members[i].getKey());
            out.append(':');
            appendValue(out, members[i].getValue());
        }
        out.append('}');
    }

    /** The members of {@code object} but {@code excluded}, in RFC 8785 order. */
    private static Map.Entry<String, JsonNode>[] sortedMembers(ObjectNode object, String excluded) {
        @SuppressWarnings("unchecked")
        Map.Entry<String, JsonNode>[] members = new Map.Entry[object.size()];
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!member.getKey().equals(excluded)) {
                members[count++] = member;
            }
        }
        if (count < members.length) {
            members = Arrays.copyOf(members, count);
        }
        // String.compareTo orders by UTF-16 code units, which is exactly RFC 8785 section 3.2.3.
        Arrays.sort(members, Map.Entry.comparingByKey());
        return members;
    }

    private static void appendArray(StringBuilder out, JsonNode array) {
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendValue(out, array.get(i));
        }
        out.append(']');
    }

    private static void appendNumber(StringBuilder out, JsonNode number) {
        if (number.isInt() || number.isLong()) {
            long value = number.longValue();
            if (-TWO_POW_53 <= value && value <= TWO_POW_53) {
                out.append(value);
                return;
            }
        }
        // Every other number, big integers included, is the double nearest to it, as in
        // ECMAScript's JSON.parse.
        EcmaScriptNumber.append(out, number.doubleValue());
    }

    /** A JSON string literal with RFC 8785 section 3.2.2.2 escaping. */
    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < length
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else {
                        throw new IllegalArgumentException(
                                String.format(
                                        "expected well-formed UTF-16 text (I-JSON), got an unpaired"
                                                + " surrogate \\u%04x at index %d",
                                        (int) c, i));
                    }
                }
            }
        }
        out.append('"');
    }
}
