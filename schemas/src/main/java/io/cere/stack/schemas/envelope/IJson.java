package io.cere.stack.schemas.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The I-JSON (RFC 7493) limits that RFC 8785 relies on: every number a finite double and every
 * string, member names included, well-formed UTF-16. A tree within them has a canonical form.
 */
final class IJson {

    private IJson() {}

    /**
     * What breaks I-JSON in {@code node} and where, with {@code path} naming {@code node} itself;
     * {@code null} if nothing does.
     */
    static String violation(JsonNode node, String path) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    if (unpairedSurrogate(member.getKey()) >= 0) {
                        return "a member name with an unpaired surrogate in " + path;
                    }
                    String inner = violation(member.getValue(), path + "." + member.getKey());
                    if (inner != null) {
                        return inner;
                    }
                }
                return null;
            }
            case ARRAY -> {
                for (int i = 0; i < node.size(); i++) {
                    String inner = violation(node.get(i), path + "[" + i + "]");
                    if (inner != null) {
                        return inner;
                    }
                }
                return null;
            }
            case STRING -> {
                return unpairedSurrogate(node.textValue()) >= 0
                        ? "a string with an unpaired surrogate at " + path
                        : null;
            }
            case NUMBER -> {
                return Double.isFinite(node.doubleValue())
                        ? null
                        : "a number outside the double range at " + path;
            }
            case BOOLEAN, NULL -> {
                return null;
            }
            default -> {
                return "a " + node.getNodeType() + " node, which is not JSON, at " + path;
            }
        }
    }

    /** The index of the first unpaired surrogate in {@code text}, or -1. */
    static int unpairedSurrogate(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < length
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
