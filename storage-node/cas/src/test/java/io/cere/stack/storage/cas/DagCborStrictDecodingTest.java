package io.cere.stack.storage.cas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way bytes can fail to be the one canonical DAG-CBOR encoding of a document. */
class DagCborStrictDecodingTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String CID_BYTES =
            "01551220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1817               | 0 | non-canonical unsigned integer header: argument 23 is"
                        + " written in 2 bytes",
                "190017             | 0 | argument 23 is written in 3 bytes",
                "1900ff             | 0 | argument 255 is written in 3 bytes",
                "1a0000ffff         | 0 | argument 65535 is written in 5 bytes",
                "1b00000000ffffffff | 0 | argument 4294967295 is written in 9 bytes",
                "3817               | 0 | non-canonical negative integer header",
                "830118ff1817       | 4 | argument 23 is written in 2 bytes",
                "580161             | 0 | non-canonical byte string header",
                "78016161           | 0 | non-canonical text string header",
                "980101             | 0 | non-canonical array header",
                "b8016161f6         | 0 | non-canonical map header",
                "d9002a4100         | 0 | non-canonical tag header"
            })
    void rejectsNonShortestIntegersAndLengths(String hex, int offset, String problem) {
        assertRejected(hex, offset, problem);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "9f01ff   | 0 | indefinite-length array is not allowed",
                "bf616101ff | 0 | indefinite-length map is not allowed",
                "5f4101ff | 0 | indefinite-length byte string is not allowed",
                "7f6161ff | 0 | indefinite-length text string is not allowed",
                "8201ff   | 2 | unexpected break (0xff)",
                "ff       | 0 | unexpected break (0xff)"
            })
    void rejectsIndefiniteLengths(String hex, int offset, String problem) {
        assertRejected(hex, offset, problem);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a2616201616102   | 4 | map key 'a' is out of order: it sorts before the key"
                        + " preceding it, 'b'",
                "a262616101616202 | 5 | map key 'b' is out of order",
                "a2616101616102   | 4 | duplicate map key 'a'",
                "a10102           | 1 | map key has major type 0 (unsigned integer); DAG-CBOR map"
                        + " keys must be text strings",
                "a1416102         | 1 | map key has major type 2 (byte string)"
            })
    void rejectsMapsWhoseKeysAreNotSortedUniqueText(String hex, int offset, String problem) {
        assertRejected(hex, offset, problem);
    }

    @Test
    void rejectsTagsOtherThan42AndMalformedLinks() {
        assertRejected("c074323031332d30332d32315432303a30343a30305a", 0, "tag 0 is not allowed");
        assertRejected("d82a6161", 2, "tag 42 holds major type 3 (text string)");
        assertRejected(
                "d82a5824" + CID_BYTES,
                4,
                "CID link does not start with the 0x00 identity multibase prefix");
        assertRejected("d82a40", 3, "CID link does not start with the 0x00");
        assertRejected("d82a4400015512", 4, "CID link is invalid: invalid binary CID:");
        assertRejected(
                "d82a582500" + CID_BYTES.replace("0155", "0170"),
                5,
                "content codec 0x70 is not supported");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "f93c00             | 0 | half-precision float is not allowed; DAG-CBOR floats"
                        + " are always 64-bit",
                "fa3f800000         | 0 | single-precision float is not allowed",
                "fb7ff8000000000000 | 0 | NaN is not allowed",
                "fb7ff0000000000000 | 0 | Infinity is not allowed",
                "8201fbfff0000000000000 | 2 | -Infinity is not allowed",
                "f7                 | 0 | undefined is not allowed",
                "f0                 | 0 | simple value 0xf0 is not allowed",
                "f820               | 0 | simple value 0xf8 is not allowed",
                "1c                 | 0 | reserved additional information 28 in a unsigned"
                        + " integer header"
            })
    void rejectsOtherFloatsAndSimpleValues(String hex, int offset, String problem) {
        assertRejected(hex, offset, problem);
    }

    @Test
    void rejectsIntegersBeyondTheLongRange() {
        assertRejected(
                "1b8000000000000000",
                0,
                "integer 9223372036854775808 is outside the 64-bit signed range");
        assertRejected(
                "3b8000000000000000",
                0,
                "integer -1 - 9223372036854775808 is outside the 64-bit signed range");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "62c328       | 0 | text string is not valid UTF-8",
                "62c0af       | 0 | text string is not valid UTF-8",
                "63eda080     | 0 | text string is not valid UTF-8",
                "a162ff6101   | 1 | text string is not valid UTF-8"
            })
    void rejectsInvalidUtf8(String hex, int offset, String problem) {
        assertRejected(hex, offset, problem);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                 | 0 | input is empty",
                "6261               | 0 | text string declares 2 bytes but only 1 bytes of input"
                        + " remain",
                "5b7fffffffffffffff | 0 | byte string declares 9223372036854775807 bytes",
                "9b0000000100000000 | 0 | array declares 4294967296 items",
                "8301               | 0 | array declares 3 items but only 1 bytes",
                "a2616101           | 0 | map declares 2 items but only 3 bytes",
                "a16161             | 3 | input ends where a value was expected",
                "1901               | 0 | input ends inside a header: 2 argument bytes needed, 1"
                        + " remain",
                "0102               | 1 | 1 bytes follow the end of the top-level value"
            })
    void rejectsTruncatedInputAndTrailingBytes(String hex, int offset, String problem) {
        assertRejected(hex, offset, problem);
    }

    @Test
    void rejectsNestingDeeperThanTheLimit() {
        String deepest = "81".repeat(DagCbor.MAX_DEPTH - 1) + "80";
        assertThat(DagCbor.decode(HEX.parseHex(deepest))).isNotNull();
        assertRejected(
                "81".repeat(DagCbor.MAX_DEPTH) + "80",
                DagCbor.MAX_DEPTH,
                "lists and maps nest deeper than 256 levels");
    }

    private static void assertRejected(String hex, int offset, String problem) {
        DagCborException e =
                catchThrowableOfType(
                        DagCborException.class, () -> DagCbor.decode(HEX.parseHex(hex)));
        assertThat(e).as("decoding %s", hex).isNotNull();
        assertThat(e.getMessage()).contains(problem).endsWith("(at byte offset " + offset + ")");
        assertThat(e.offset()).isEqualTo(offset);
    }
}
