package io.cere.stack.storage.cas;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one canonical DAG-CBOR document and refuses every other encoding of it, so that bytes
 * accepted here re-encode to themselves and their CID is the CID of the document. Single use.
 */
final class DagCborDecoder {

    private static final int KEY_QUOTE_LIMIT = 40;

    private final CharsetDecoder utf8 =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);

    private final byte[] in;
    private int position;

    DagCborDecoder(byte[] in) {
        this.in = in;
    }

    Object decodeDocument() {
        if (in.length == 0) {
            throw new DagCborException("input is empty; expected one DAG-CBOR value", 0);
        }
        Object document = readValue(0);
        if (position != in.length) {
            throw new DagCborException(
                    (in.length - position) + " bytes follow the end of the top-level value",
                    position);
        }
        return document;
    }

    private Object readValue(int depth) {
        int start = position;
        int initial = readByte();
        int majorType = initial >>> 5;
        int info = initial & 0x1f;
        return switch (majorType) {
            case Cbor.UNSIGNED_INTEGER -> readInteger(start, info, false);
            case Cbor.NEGATIVE_INTEGER -> readInteger(start, info, true);
            case Cbor.BYTE_STRING -> readBytes(readLength(start, majorType, info, 1));
            case Cbor.TEXT_STRING -> readText(start, readLength(start, majorType, info, 1));
            case Cbor.ARRAY -> readList(start, readLength(start, majorType, info, 1), depth);
            case Cbor.MAP -> readMap(start, readLength(start, majorType, info, 2), depth);
            case Cbor.TAG -> readCid(start, info);
            default -> readSimpleOrFloat(start, initial);
        };
    }

    private Long readInteger(int start, int info, boolean negative) {
        long argument = readArgument(start, negative ? 1 : 0, info);
        if (argument < 0) {
            throw new DagCborException(
                    "integer "
                            + (negative ? "-1 - " : "")
                            + Long.toUnsignedString(argument)
                            + " is outside the 64-bit signed range this decoder supports",
                    start);
        }
        return negative ? ~argument : argument; // ~n == -1 - n
    }

    private byte[] readBytes(int length) {
        byte[] bytes = Arrays.copyOfRange(in, position, position + length);
        position += length;
        return bytes;
    }

    private String readText(int start, int length) {
        try {
            String text = utf8.reset().decode(ByteBuffer.wrap(in, position, length)).toString();
            position += length;
            return text;
        } catch (CharacterCodingException e) {
            throw new DagCborException("text string is not valid UTF-8", start, e);
        }
    }

    private List<Object> readList(int start, int length, int depth) {
        requireDepth(start, depth);
        List<Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(readValue(depth + 1));
        }
        return Collections.unmodifiableList(list);
    }

    private Map<String, Object> readMap(int start, int size, int depth) {
        requireDepth(start, depth);
        Map<String, Object> map = new LinkedHashMap<>(size * 2);
        byte[] previousKey = null;
        for (int i = 0; i < size; i++) {
            int keyStart = position;
            int initial = readByte();
            int majorType = initial >>> 5;
            if (majorType != Cbor.TEXT_STRING) {
                throw new DagCborException(
                        "map key has major type "
                                + Cbor.describe(majorType)
                                + "; DAG-CBOR map keys must be text strings",
                        keyStart);
            }
            int length = readLength(keyStart, majorType, initial & 0x1f, 1);
            byte[] key = Arrays.copyOfRange(in, position, position + length);
            String text = readText(keyStart, length);
            if (previousKey != null) {
                int order = DagCbor.compareKeys(previousKey, key);
                if (order == 0) {
                    throw new DagCborException("duplicate map key " + quote(text), keyStart);
                }
                if (order > 0) {
                    throw new DagCborException(
                            "map key "
                                    + quote(text)
                                    + " is out of order: it sorts before the key preceding it,"
                                    + " "
                                    + quote(new String(previousKey, StandardCharsets.UTF_8))
                                    + " (DAG-CBOR orders keys by UTF-8 length, then bytewise)",
                            keyStart);
                }
            }
            previousKey = key;
            map.put(text, readValue(depth + 1));
        }
        return Collections.unmodifiableMap(map);
    }

    private Cid readCid(int start, int info) {
        long tag = readArgument(start, Cbor.TAG, info);
        if (tag != DagCbor.CID_TAG) {
            throw new DagCborException(
                    "tag "
                            + Long.toUnsignedString(tag)
                            + " is not allowed; DAG-CBOR allows only tag "
                            + DagCbor.CID_TAG
                            + " (CID)",
                    start);
        }
        int contentStart = position;
        int initial = readByte();
        int majorType = initial >>> 5;
        if (majorType != Cbor.BYTE_STRING) {
            throw new DagCborException(
                    "tag 42 holds major type "
                            + Cbor.describe(majorType)
                            + "; a CID link must be a byte string",
                    contentStart);
        }
        int length = readLength(contentStart, majorType, initial & 0x1f, 1);
        if (length == 0 || in[position] != Cbor.CID_MULTIBASE_IDENTITY) {
            throw new DagCborException(
                    "CID link does not start with the 0x00 identity multibase prefix", position);
        }
        byte[] bytes = Arrays.copyOfRange(in, position + 1, position + length);
        try {
            Cid cid = Cid.fromBytes(bytes);
            position += length;
            return cid;
        } catch (InvalidCidException e) {
            throw new DagCborException("CID link is invalid: " + e.getMessage(), position + 1, e);
        }
    }

    private Object readSimpleOrFloat(int start, int initial) {
        switch (initial) {
            case Cbor.FALSE:
                return Boolean.FALSE;
            case Cbor.TRUE:
                return Boolean.TRUE;
            case Cbor.NULL:
                return null;
            case Cbor.FLOAT64:
                double value = Double.longBitsToDouble(readUnsigned(start, 8));
                if (!Double.isFinite(value)) {
                    throw new DagCborException(
                            value + " is not allowed; DAG-CBOR floats must be finite", start);
                }
                return value;
            case Cbor.UNDEFINED:
                throw new DagCborException("undefined is not allowed in DAG-CBOR", start);
            case Cbor.FLOAT16:
            case Cbor.FLOAT32:
                throw new DagCborException(
                        (initial == Cbor.FLOAT16 ? "half" : "single")
                                + "-precision float is not allowed; DAG-CBOR floats are always"
                                + " 64-bit",
                        start);
            case Cbor.BREAK:
                throw new DagCborException(
                        "unexpected break (0xff): indefinite lengths are not allowed in DAG-CBOR",
                        start);
            default:
                throw new DagCborException(
                        String.format(
                                "simple value 0x%02x is not allowed; DAG-CBOR has only false,"
                                        + " true, null and 64-bit floats",
                                initial),
                        start);
        }
    }

    /**
     * A length of a string, array or map: shortest form, and no larger than what the remaining
     * input can hold at {@code minItemBytes} per item, so a forged length cannot allocate much.
     */
    private int readLength(int start, int majorType, int info, int minItemBytes) {
        long length = readArgument(start, majorType, info);
        long remaining = in.length - position;
        if (length < 0 || length > remaining / minItemBytes) {
            throw new DagCborException(
                    Cbor.majorTypeName(majorType)
                            + " declares "
                            + Long.toUnsignedString(length)
                            + (majorType == Cbor.ARRAY || majorType == Cbor.MAP
                                    ? " items"
                                    : " bytes")
                            + " but only "
                            + remaining
                            + " bytes of input remain",
                    start);
        }
        return (int) length;
    }

    /**
     * The argument of a header whose first byte was at {@code start}: an unsigned 64-bit value,
     * which must be in the shortest form.
     */
    private long readArgument(int start, int majorType, int info) {
        if (info < Cbor.ONE_BYTE) {
            return info;
        }
        int size;
        long minimum;
        switch (info) {
            case Cbor.ONE_BYTE -> {
                size = 1;
                minimum = Cbor.ONE_BYTE;
            }
            case Cbor.TWO_BYTES -> {
                size = 2;
                minimum = 1L << 8;
            }
            case Cbor.FOUR_BYTES -> {
                size = 4;
                minimum = 1L << 16;
            }
            case Cbor.EIGHT_BYTES -> {
                size = 8;
                minimum = 1L << 32;
            }
            case Cbor.INDEFINITE ->
                    throw new DagCborException(
                            "indefinite-length "
                                    + Cbor.majorTypeName(majorType)
                                    + " is not allowed; DAG-CBOR requires definite lengths",
                            start);
            default ->
                    throw new DagCborException(
                            "reserved additional information "
                                    + info
                                    + " in a "
                                    + Cbor.majorTypeName(majorType)
                                    + " header",
                            start);
        }
        long value = readUnsigned(start, size);
        if (Long.compareUnsigned(value, minimum) < 0) {
            throw new DagCborException(
                    "non-canonical "
                            + Cbor.majorTypeName(majorType)
                            + " header: argument "
                            + value
                            + " is written in "
                            + (size + 1)
                            + " bytes where DAG-CBOR requires the shortest form",
                    start);
        }
        return value;
    }

    private long readUnsigned(int start, int size) {
        if (in.length - position < size) {
            throw new DagCborException(
                    "input ends inside a header: "
                            + size
                            + " argument bytes needed, "
                            + (in.length - position)
                            + " remain",
                    start);
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | (in[position++] & 0xff);
        }
        return value;
    }

    private int readByte() {
        if (position >= in.length) {
            throw new DagCborException("input ends where a value was expected", position);
        }
        return in[position++] & 0xff;
    }

    private void requireDepth(int start, int depth) {
        if (depth >= DagCbor.MAX_DEPTH) {
            throw new DagCborException(
                    "lists and maps nest deeper than " + DagCbor.MAX_DEPTH + " levels", start);
        }
    }

    private static String quote(String key) {
        return "'"
                + (key.length() <= KEY_QUOTE_LIMIT
                        ? key
                        : key.substring(0, KEY_QUOTE_LIMIT) + "...")
                + "'";
    }
}
