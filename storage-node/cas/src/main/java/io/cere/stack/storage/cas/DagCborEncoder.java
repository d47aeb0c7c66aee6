package io.cere.stack.storage.cas;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes one document as canonical DAG-CBOR. Keeps the path to the value being written so that a
 * value with no DAG-CBOR form is reported where it sits in the document. Single use.
 */
final class DagCborEncoder {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final CharsetEncoder utf8 =
            StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** Map keys and list indexes from the top-level value down to the current one. */
    private final Deque<Object> path = new ArrayDeque<>();

    private byte[] out = new byte[256];
    private int size;

    byte[] encode(Object document) {
        write(document);
        return Arrays.copyOf(out, size);
    }

    private void write(Object value) {
        if (value == null) {
            writeByte(Cbor.NULL);
        } else if (value instanceof Boolean bool) {
            writeByte(bool ? Cbor.TRUE : Cbor.FALSE);
        } else if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            writeInteger(((Number) value).longValue());
        } else if (value instanceof Double number) {
            writeDouble(number);
        } else if (value instanceof String text) {
            byte[] utf8Bytes = utf8(text);
            writeHeader(Cbor.TEXT_STRING, utf8Bytes.length);
            writeBytes(utf8Bytes);
        } else if (value instanceof byte[] bytes) {
            writeHeader(Cbor.BYTE_STRING, bytes.length);
            writeBytes(bytes);
        } else if (value instanceof Cid cid) {
            writeCid(cid);
        } else if (value instanceof List<?> list) {
            writeList(list);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map);
        } else {
            throw invalid(
                    "a "
                            + value.getClass().getName()
                            + " has no DAG-CBOR form; use null, Boolean, Long, Double, String,"
                            + " byte[], Cid, List or Map with String keys"
                            + (value instanceof Float
                                    ? " (widen a Float to Double explicitly)"
                                    : ""));
        }
    }

    private void writeInteger(long value) {
        if (value >= 0) {
            writeHeader(Cbor.UNSIGNED_INTEGER, value);
        } else {
            writeHeader(Cbor.NEGATIVE_INTEGER, ~value); // -1 - value, without overflow
        }
    }

    private void writeDouble(double value) {
        if (!Double.isFinite(value)) {
            throw invalid(value + " has no DAG-CBOR form: NaN and infinities are not allowed");
        }
        writeByte(Cbor.FLOAT64);
        writeLong(Double.doubleToRawLongBits(value));
    }

    private void writeCid(Cid cid) {
        byte[] bytes = cid.bytes();
        writeHeader(Cbor.TAG, DagCbor.CID_TAG);
        writeHeader(Cbor.BYTE_STRING, bytes.length + 1L);
        writeByte(Cbor.CID_MULTIBASE_IDENTITY);
        writeBytes(bytes);
    }

    private void writeList(List<?> list) {
        enterContainer();
        writeHeader(Cbor.ARRAY, list.size());
        int index = 0;
        for (Object item : list) {
            path.addLast(index++);
            write(item);
            path.removeLast();
        }
    }

    private void writeMap(Map<?, ?> map) {
        enterContainer();
        List<Entry> entries = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw invalid(
                        "map key "
                                + entry.getKey()
                                + (entry.getKey() == null
                                        ? ""
                                        : " (" + entry.getKey().getClass().getName() + ")")
                                + " is not a String; DAG-CBOR map keys are text");
            }
            path.addLast(key);
            entries.add(new Entry(key, utf8(key), entry.getValue()));
            path.removeLast();
        }
        entries.sort((a, b) -> DagCbor.compareKeys(a.utf8Key, b.utf8Key));
        writeHeader(Cbor.MAP, entries.size());
        for (Entry entry : entries) {
            writeHeader(Cbor.TEXT_STRING, entry.utf8Key.length);
            writeBytes(entry.utf8Key);
            path.addLast(entry.key);
            write(entry.value);
            path.removeLast();
        }
    }

    private void enterContainer() {
        if (path.size() >= DagCbor.MAX_DEPTH) {
            throw invalid(
                    "lists and maps nest deeper than "
                            + DagCbor.MAX_DEPTH
                            + " levels (is the document cyclic?)");
        }
    }

    /** The shortest header for {@code argument}, which is unsigned. */
    private void writeHeader(int majorType, long argument) {
        int major = majorType << 5;
        if (argument < Cbor.ONE_BYTE) {
            writeByte(major | (int) argument);
        } else if (argument < 1L << 8) {
            writeByte(major | Cbor.ONE_BYTE);
            writeByte((int) argument);
        } else if (argument < 1L << 16) {
            writeByte(major | Cbor.TWO_BYTES);
            writeByte((int) (argument >>> 8));
            writeByte((int) argument);
        } else if (argument < 1L << 32) {
            writeByte(major | Cbor.FOUR_BYTES);
            ensureCapacity(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out[size++] = (byte) (argument >>> shift);
            }
        } else {
            writeByte(major | Cbor.EIGHT_BYTES);
            writeLong(argument);
        }
    }

    private void writeLong(long value) {
        ensureCapacity(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out[size++] = (byte) (value >>> shift);
        }
    }

    private void writeByte(int b) {
        ensureCapacity(1);
        out[size++] = (byte) b;
    }

    private void writeBytes(byte[] bytes) {
        ensureCapacity(bytes.length);
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
    }

    private void ensureCapacity(int more) {
        if (out.length - size < more) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }

    private byte[] utf8(String text) {
        try {
            ByteBuffer encoded = utf8.reset().encode(CharBuffer.wrap(text));
            return Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        } catch (CharacterCodingException e) {
            throw invalid("string has an unpaired surrogate, so it has no UTF-8 form");
        }
    }

    private IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(
                "cannot encode " + pathText() + " as DAG-CBOR: " + problem);
    }

    private String pathText() {
        StringBuilder text = new StringBuilder("$");
        for (Object step : path) {
            if (step instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else if (IDENTIFIER.matcher((String) step).matches()) {
                text.append('.').append(step);
            } else {
                text.append("[\"").append(step).append("\"]");
            }
        }
        return text.toString();
    }

    private record Entry(String key, byte[] utf8Key, Object value) {}
}
