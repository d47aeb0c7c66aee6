package io.cere.stack.schemas.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Random;

/**
 * Seeded random JSON documents that stress canonicalization: nested containers, member names and
 * strings with control characters, escapes, non-ASCII text and surrogate pairs, and numbers of
 * every magnitude, including the edges of ECMAScript's plain and exponent notations.
 */
final class RandomJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] FRAGMENTS = {
        "a",
        "Z",
        "0",
        "9",
        " ",
        "_",
        "-",
        "\"",
        "\\",
        "/",
        "\u0000",
        "\u0001",
        "\b",
        "\t",
        "\n",
        "\f",
        "\r",
        "\u001f",
        "\u007f",
        "\u0080",
        "\u00e9",
        "\u00f6",
        "\u20ac",
        "\u2028",
        "\u2029",
        "\ufb33",
        "\ufeff",
        "\uffff",
        "\u4e2d",
        "\ud83d\ude00",
        "\ud834\udd1e",
        "\udbff\udfff",
        "key",
        "1",
        "10",
        "A",
    };
    private static final double[] EDGE_NUMBERS = {
        0.0,
        -0.0,
        1e21,
        1e-7,
        1e-6,
        9.999999999999999e20,
        1e20,
        123456789012345680000.0,
        Double.MIN_VALUE,
        -Double.MIN_VALUE,
        Double.MIN_NORMAL,
        Double.MAX_VALUE,
        0.1,
        0.2,
        0.30000000000000004,
        9007199254740991.0,
        9007199254740992.0,
        9007199254740994.0,
        5e-324,
        1e-323,
        4.35,
        2.5,
        1e23,
        8.41e21,
        5e-7,
        -1.5e-7,
    };

    private final Random random;

    RandomJson(long seed) {
        this.random = new Random(seed);
    }

    ObjectNode object(int depth) {
        ObjectNode object = NODES.objectNode();
        int members = random.nextInt(7);
        for (int i = 0; i < members; i++) {
            object.set(text(), value(depth - 1));
        }
        return object;
    }

    JsonNode value(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2, 3 -> NODES.textNode(text());
            case 4, 5, 6 -> number();
            case 7 -> object(depth);
            default -> array(depth);
        };
    }

    private ArrayNode array(int depth) {
        ArrayNode array = NODES.arrayNode();
        int elements = random.nextInt(7);
        for (int i = 0; i < elements; i++) {
            array.add(value(depth - 1));
        }
        return array;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        int fragments = random.nextInt(6);
        for (int i = 0; i < fragments; i++) {
            text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        return text.toString();
    }

    JsonNode number() {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.numberNode(random.nextInt(2001) - 1000);
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(new BigInteger(100, random).negate());
            case 3 -> NODES.numberNode(EDGE_NUMBERS[random.nextInt(EDGE_NUMBERS.length)]);
            case 4 ->
                    NODES.numberNode(
                            (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(60) - 30));
            default -> NODES.numberNode(finiteFromRandomBits());
        };
    }

    private double finiteFromRandomBits() {
        while (true) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(value)) {
                return value;
            }
        }
    }
}
