package io.cere.stack.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final EnvelopeParser PARSER = new EnvelopeParser();

    /** RFC 8785 section 3.2.2: whitespace, number forms, string escapes, member order. */
    @Test
    void canonicalizesTheRfc8785Section322Example() throws IOException {
        JsonNode input = PARSER.readTree(resource("rfc8785-3.2.2-input.json"));

        assertThat(CanonicalJson.canonicalize(input))
                .isEqualTo(
                        "{\"literals\":[null,true,false],"
                                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
        assertThat(CanonicalJson.canonicalBytes(input))
                .isEqualTo(resource("rfc8785-3.2.2-output.json"));
    }

    /** RFC 8785 section 3.2.3: member names sort by UTF-16 code units, not code points. */
    @Test
    void sortsTheRfc8785Section323ExampleByUtf16CodeUnits() throws IOException {
        JsonNode input = PARSER.readTree(resource("rfc8785-3.2.3-input.json"));

        assertThat(CanonicalJson.canonicalize(input))
                .isEqualTo(
                        "{\"\\r\":\"Carriage Return\","
                                + "\"1\":\"One\","
                                + "\"\u0080\":\"Control\","
                                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                                + "\"\u20ac\":\"Euro Sign\","
                                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    /** RFC 8785 appendix B: IEEE-754 bit patterns and their ECMAScript text. */
    @ParameterizedTest(name = "0x{0} -> {1}")
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void formatsTheRfc8785AppendixBNumbers(String bits, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

        assertThat(CanonicalJson.formatNumber(value)).isEqualTo(expected);
    }

    /** Appendix B lists NaN and Infinity as having no JSON form. */
    @ParameterizedTest(name = "0x{0}")
    @ValueSource(
            strings = {
                "7fffffffffffffff",
                "7ff8000000000000",
                "7ff0000000000000",
                "fff0000000000000"
            })
    void rejectsNanAndInfinity(String bits) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

        assertThatThrownBy(() -> CanonicalJson.formatNumber(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a finite number");
        assertThatThrownBy(() -> CanonicalJson.canonicalize(NODES.arrayNode().add(value)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** ECMA-262 Number::toString switches to exponent form at 1e21 and below 1e-6. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1e20, 100000000000000000000",
        "1.5e20, 150000000000000000000",
        "123456789012345680000, 123456789012345680000",
        "1e21, 1e+21",
        "1.5e21, 1.5e+21",
        "1e-6, 0.000001",
        "1.5e-6, 0.0000015",
        "1e-7, 1e-7",
        "1.5e-7, 1.5e-7",
        "0.1, 0.1",
        "-0.1, -0.1",
        "0.3, 0.3",
        "123.456, 123.456",
        "2e-3, 0.002",
        "4.50, 4.5",
        "1e308, 1e+308",
        "-1e-300, -1e-300",
        "9007199254740993, 9007199254740992",
        "2.2250738585072014E-308, 2.2250738585072014e-308",
        "4.9e-324, 5e-324",
        "1e-323, 1e-323",
        "1.5e-323, 1.5e-323",
        "5.0E-3, 0.005",
        "2.82879384806159E17, 282879384806159000",
    })
    void laysOutNumbersAsEcmaScriptDoes(double value, String expected) {
        assertThat(CanonicalJson.formatNumber(value)).isEqualTo(expected);
    }

    @Test
    void writesMinusZeroAsZero() {
        assertThat(CanonicalJson.formatNumber(-0.0)).isEqualTo("0");
        assertThat(CanonicalJson.canonicalize(NODES.arrayNode().add(-0.0).add(0.0)))
                .isEqualTo("[0,0]");
    }

    /**
     * 100,000 doubles from random bit patterns (plus powers of two and subnormals, where the
     * rounding interval is lopsided or wide): the text reads back as the same double, no decimal
     * with fewer digits does, and no other decimal with as many digits that does is closer.
     */
    @Test
    void formatsRandomDoublesAsTheShortestClosestRoundTrippingDecimal() {
        Random random = new Random(8785);
        int checked = 0;
        while (checked < 100_000) {
            double value = Double.longBitsToDouble(randomBits(random, checked));
            if (!Double.isFinite(value) || value == 0) {
                continue;
            }
            String text = CanonicalJson.formatNumber(value);

            assertThat(Double.parseDouble(text)).as(text).isEqualTo(value);
            assertShortestAndClosest(value, text);
            checked++;
        }
    }

    /** The check above can fail: Java 17's digits for 5e-324, and a farther one-digit decimal. */
    @Test
    void shortestAndClosestCheckRejectsLongerOrFartherDigits() {
        assertThat(Double.toString(Double.MIN_VALUE)).isEqualTo("4.9E-324");
        assertThatThrownBy(() -> assertShortestAndClosest(Double.MIN_VALUE, "4.9e-324"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a decimal of 1 digits reads back");
        assertThatThrownBy(() -> assertShortestAndClosest(Double.MIN_VALUE, "4e-324"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("5E-324 has as many digits");
    }

    private static long randomBits(Random random, int i) {
        return switch (i % 8) {
            case 0 -> (random.nextLong() & 0x7ffL << 52); // powers of two
            case 1 -> random.nextInt(1 << 12); // smallest subnormals
            case 2 -> random.nextLong() & ((1L << 52) - 1); // any subnormal
            default -> random.nextLong();
        };
    }

    /**
     * Checks ECMA-262 Number::toString digit selection by exact arithmetic. At n significant digits
     * only two decimals can read back as a double: the ones just below and just above its exact
     * value. Reading back is monotone in n (an n-digit decimal is also an (n+1)-digit one), so if
     * neither (n-1)-digit neighbour reads back, no shorter decimal does.
     */
    private static void assertShortestAndClosest(double value, String text) {
        BigDecimal exact = new BigDecimal(Math.abs(value));
        BigDecimal written = new BigDecimal(text).abs().stripTrailingZeros();
        int digits = written.precision();
        if (digits > 1) {
            assertThat(
                            readsBack(round(exact, digits - 1, RoundingMode.FLOOR), value)
                                    || readsBack(
                                            round(exact, digits - 1, RoundingMode.CEILING), value))
                    .as("%s: a decimal of %d digits reads back as %s too", text, digits - 1, value)
                    .isFalse();
        }
        BigDecimal other =
                round(
                        exact,
                        digits,
                        written.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR);
        if (other.compareTo(written) != 0 && readsBack(other, value)) {
            int closer = exact.subtract(written).abs().compareTo(exact.subtract(other).abs());
            boolean evenOnTie = !written.unscaledValue().testBit(0);
            assertThat(closer < 0 || (closer == 0 && evenOnTie))
                    .as("%s: %s has as many digits, reads back and is not farther", text, other)
                    .isTrue();
        }
    }

    private static BigDecimal round(BigDecimal exact, int digits, RoundingMode mode) {
        return exact.round(new MathContext(digits, mode)).stripTrailingZeros();
    }

    private static boolean readsBack(BigDecimal decimal, double value) {
        return decimal.doubleValue() == Math.abs(value);
    }

    @Test
    void writesIntegersBeyondTwoToThe53AsTheNearestDouble() {
        ObjectNode node = NODES.objectNode();
        node.put("long", 9007199254740993L);
        node.put("max", Long.MAX_VALUE);
        node.put("big", new BigInteger("123456789012345678901234567890"));
        node.put("decimal", new BigDecimal("0.1000000000000000055511151231257827"));

        assertThat(CanonicalJson.canonicalize(node))
                .isEqualTo(
                        "{\"big\":1.2345678901234568e+29,\"decimal\":0.1,"
                                + "\"long\":9007199254740992,\"max\":9223372036854776000}");
    }

    @Test
    void escapesOnlyWhatRfc8785Escapes() {
        StringBuilder everyAscii = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            everyAscii.append(c);
        }
        String text = everyAscii + "\u007f\u0080\u00ff\u2028\u2029\ufeff\uffff\ud834\udd1e";

        String json = CanonicalJson.canonicalize(NODES.textNode(text));

        assertThat(json)
                .isEqualTo(
                        "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n"
                                + "\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014"
                                + "\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d"
                                + "\\u001e\\u001f !\\\"#$%&'()*+,-./0123456789:;<=>?@"
                                + "ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz"
                                + "{|}~\u007f\u007f\u0080\u00ff\u2028\u2029\ufeff\uffff\ud834\udd1e\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\ud800", "a\udc00b", "\ud83d", "\ude00\ud83d"})
    void rejectsUnpairedSurrogatesInValuesAndNames(String text) {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(NODES.textNode(text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> CanonicalJson.canonicalize(NODES.objectNode().put(text, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void sortsNestedObjectsAndKeepsArrayOrder() throws IOException {
        JsonNode input =
                PARSER.readTree(
                        bytes(
                                "{ \"b\" : [3, {\"z\": 1, \"a\": [ ]}, \"x\"],\n"
                                        + "  \"a\" : { \"c\": {}, \"B\": null, \"b\": true } }"));

        assertThat(CanonicalJson.canonicalize(input))
                .isEqualTo(
                        "{\"a\":{\"B\":null,\"b\":true,\"c\":{}},\"b\":[3,{\"a\":[],\"z\":1},\"x\"]}");
    }

    @Test
    void canonicalBytesAreUtf8() {
        JsonNode node = NODES.objectNode().put("\u20ac", "\ud83d\ude00");

        assertThat(CanonicalJson.canonicalBytes(node))
                .isEqualTo(Hex.decode("7b22e282ac223a22f09f9880227d"));
    }

    @Test
    void canonicalizesTheSameValueWrittenDifferentlyToTheSameBytes() throws IOException {
        JsonNode first = PARSER.readTree(bytes("{\"n\":[1.0,1E2,-0.0,0.10],\"s\":\"\\u00e9\"}"));
        JsonNode second = PARSER.readTree(bytes("{\"s\":\"\u00e9\",\"n\":[1,100,0,1e-1]}"));

        assertThat(CanonicalJson.canonicalBytes(first))
                .isEqualTo(CanonicalJson.canonicalBytes(second))
                .isEqualTo(bytes("{\"n\":[1,100,0,0.1],\"s\":\"\u00e9\"}"));
    }

    @Test
    void rejectsNodesThatAreNotJson() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(NODES.binaryNode(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BINARY");
        assertThatThrownBy(() -> CanonicalJson.canonicalize(NODES.pojoNode(new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("POJO");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
