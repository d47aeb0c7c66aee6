package io.cere.stack.storage.cas;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random DAG-CBOR documents over every supported type, with the values where encodings
 * change length (integers at 23/24, 255/256, ...), keys that need length-first sorting, and text
 * with one- to four-byte UTF-8 characters. Doubles always have a fraction, so that JavaScript,
 * which has one number type, reads them back as floats too.
 */
final class RandomDocuments {

    private static final long[] INTEGER_EDGES = {
        0,
        1,
        23,
        24,
        255,
        256,
        65_535,
        65_536,
        4_294_967_295L,
        4_294_967_296L,
        9_007_199_254_740_991L,
        9_007_199_254_740_992L,
        Long.MAX_VALUE,
        -1,
        -24,
        -25,
        -256,
        -257,
        -65_536,
        -65_537,
        -4_294_967_296L,
        -4_294_967_297L,
        -9_007_199_254_740_991L,
        Long.MIN_VALUE
    };

    /** One- to four-byte UTF-8 characters, control characters and the highest BMP code point. */
    private static final String[] CHARACTERS = {
        "a",
        "b",
        "z",
        "A",
        "0",
        "_",
        " ",
        "\u0000",
        "\u007f",
        "é",
        "ß",
        "\u0800",
        "日",
        "\uffff",
        "😀",
        "\ud800\udc00"
    };

    private final Random random;

    RandomDocuments(long seed) {
        this.random = new Random(seed);
    }

    /** A map with up to {@code width} entries, nested up to {@code depth} levels. */
    Map<String, Object> map(int depth, int width) {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(width + 1);
        for (int i = 0; i < size; i++) {
            map.put(text(6), value(depth - 1, width));
        }
        return map;
    }

    Object value(int depth, int width) {
        int kinds = depth > 0 ? 11 : 9;
        return switch (random.nextInt(kinds)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> integer();
            case 3 -> fractionalDouble();
            case 4, 5 -> text(12);
            case 6 -> bytes(40);
            case 7, 8 -> cid();
            case 9 -> list(depth, width);
            default -> map(depth, width);
        };
    }

    long integer() {
        return switch (random.nextInt(3)) {
            case 0 -> INTEGER_EDGES[random.nextInt(INTEGER_EDGES.length)];
            case 1 -> random.nextLong() >> random.nextInt(64);
            default -> random.nextInt(48) - 24;
        };
    }

    double fractionalDouble() {
        double value;
        do {
            value =
                    switch (random.nextInt(3)) {
                        case 0 -> random.nextDouble() - 0.5;
                        case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15);
                        default -> Double.longBitsToDouble(random.nextLong());
                    };
        } while (!Double.isFinite(value) || value == Math.rint(value));
        return value;
    }

    String text(int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append(CHARACTERS[random.nextInt(CHARACTERS.length)]);
        }
        return text.toString();
    }

    byte[] bytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    Cid cid() {
        return Cid.of(
                Multicodec.values()[random.nextInt(Multicodec.values().length)],
                HashAlgorithm.values()[random.nextInt(HashAlgorithm.values().length)],
                bytes(16));
    }

    private List<Object> list(int depth, int width) {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(width + 1);
        for (int i = 0; i < size; i++) {
            list.add(value(depth - 1, width));
        }
        return list;
    }

    /**
     * A form of a document in which equal documents are {@link Object#equals equal}: byte arrays
     * become hex strings in a {@link ByteString}, smaller integer types become {@link Long}.
     */
    static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return new ByteString(HexFormat.of().formatHex(bytes));
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        } else if (value instanceof List<?> list) {
            return list.stream().map(RandomDocuments::comparable).toList();
        } else if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, comparable(v)));
            return copy;
        }
        return value;
    }

    /** A byte string, compared by content. */
    record ByteString(String hex) {}
}
