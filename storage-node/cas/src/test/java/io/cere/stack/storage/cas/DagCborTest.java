package io.cere.stack.storage.cas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DagCborTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Cid EMPTY_RAW =
            Cid.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");

    /** Integers from RFC 8949 appendix A, and the ends of the long range. */
    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "23, 17",
        "24, 1818",
        "100, 1864",
        "1000, 1903e8",
        "1000000, 1a000f4240",
        "1000000000000, 1b000000e8d4a51000",
        "9223372036854775807, 1b7fffffffffffffff",
        "-1, 20",
        "-10, 29",
        "-100, 3863",
        "-1000, 3903e7",
        "-9223372036854775808, 3b7fffffffffffffff"
    })
    void encodesIntegersInTheShortestForm(long value, String hex) {
        assertEncoding(value, hex);
    }

    /** RFC 8949 appendix A, except that DAG-CBOR writes every float in 64 bits. */
    @ParameterizedTest
    @CsvSource({
        "1.1, fb3ff199999999999a",
        "-4.1, fbc010666666666666",
        "1.0E300, fb7e37e43c8800759c",
        "1.0, fb3ff0000000000000",
        "0.0, fb0000000000000000",
        "-0.0, fb8000000000000000",
        "5.0E-324, fb0000000000000001"
    })
    void encodesEveryDoubleIn64Bits(double value, String hex) {
        assertEncoding(value, hex);
    }

    @Test
    void encodesTheRfc8949Examples() {
        assertEncoding(false, "f4");
        assertEncoding(true, "f5");
        assertEncoding(null, "f6");
        assertEncoding("", "60");
        assertEncoding("a", "6161");
        assertEncoding("IETF", "6449455446");
        assertEncoding("\"\\", "62225c");
        assertEncoding("ü", "62c3bc");
        assertEncoding("水", "63e6b0b4");
        assertEncoding("\ud800\udd51", "64f0908591");
        assertEncoding(new byte[] {1, 2, 3, 4}, "4401020304");
        assertEncoding(List.of(), "80");
        assertEncoding(List.of(1L, 2L, 3L), "83010203");
        assertEncoding(List.of(1L, List.of(2L, 3L), List.of(4L, 5L)), "8301820203820405");
        assertEncoding(Map.of("a", 1L, "b", List.of(2L, 3L)), "a26161016162820203");
        assertEncoding(List.of("a", Map.of("b", "c")), "826161a161626163");
    }

    @Test
    void writesLinksAsTag42OverTheIdentityPrefixedBinaryCid() {
        assertEncoding(
                Map.of("l", EMPTY_RAW),
                "a1616cd82a58250001551220"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    /** Encodings and CIDs printed by @ipld/dag-cbor 10.0.2 and multiformats 14.0.5. */
    @Test
    void matchesKnownIpldAnswers() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("b", 1L);
        document.put("aa", -5L);
        document.put("a", new byte[] {1, 2});
        document.put("x", Arrays.asList(null, true, 1.5));
        assertEncoding(document, "a46161420102616201617883f6f5fb3ff800000000000062616124");

        Map<String, Object> manifest =
                Map.of("size", 11, "chunks", List.of(EMPTY_RAW), "name", "hello");
        byte[] bytes = DagCbor.encode(manifest);
        assertThat(HEX.formatHex(bytes))
                .isEqualTo(
                        "a3646e616d656568656c6c6f6473697a650b666368756e6b7381d82a58250001551220"
                                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, bytes))
                .hasToString("bafyreighxdmfhcwy7fupk4iypfkavbpyusg64rsw6ibknjluylb6vu5raa");
        assertThat(Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, DagCbor.encode(Map.of())))
                .hasToString("bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua");
    }

    @Test
    void sortsMapKeysByUtf8LengthThenBytewise() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : List.of("😀", "\uffffa", "é", "aaa", "ab", "aa", "b", "a", "")) {
            map.put(key, 0L);
        }

        Map<String, Object> decoded = DagCbor.decodeMap(DagCbor.encode(map));

        // "\uffffa" (ef bf bf 61) sorts before "😀" (f0 9f 98 80) in UTF-8, after it in UTF-16.
        assertThat(decoded.keySet())
                .containsExactly("", "a", "b", "aa", "ab", "é", "aaa", "\uffffa", "😀");
    }

    @Test
    void encodingIsIndependentOfMapInsertionOrder() {
        RandomDocuments random = new RandomDocuments(71);
        for (int i = 0; i < 200; i++) {
            Map<String, Object> document = random.map(4, 6);
            assertThat(DagCbor.encode(reversed(document))).isEqualTo(DagCbor.encode(document));
        }
    }

    @Test
    void randomDocumentsRoundTrip() {
        RandomDocuments random = new RandomDocuments(42);
        for (int i = 0; i < 500; i++) {
            Object document = i % 5 == 0 ? random.value(3, 5) : random.map(4, 6);

            byte[] bytes = DagCbor.encode(document);
            Object decoded = DagCbor.decode(bytes);

            assertThat(RandomDocuments.comparable(decoded))
                    .as("document %d", i)
                    .isEqualTo(RandomDocuments.comparable(document));
            assertThat(DagCbor.encode(decoded)).isEqualTo(bytes);
        }
    }

    @Test
    void decodesToLongsDoublesAndUnmodifiableCollections() {
        Map<String, Object> decoded =
                DagCbor.decodeMap(
                        DagCbor.encode(
                                Map.of("int", 1, "double", 1.0, "list", List.of(EMPTY_RAW))));

        assertThat(decoded.get("int")).isEqualTo(1L);
        assertThat(decoded.get("double")).isEqualTo(1.0);
        assertThat(decoded.get("list")).isEqualTo(List.of(EMPTY_RAW));
        assertThatThrownBy(() -> decoded.put("x", 1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) decoded.get("list")).add(1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void decodeMapRefusesOtherTopLevelValues() {
        assertThatThrownBy(() -> DagCbor.decodeMap(HEX.parseHex("80")))
                .isInstanceOf(DagCborException.class)
                .hasMessage(
                        "top-level value has major type 4 (array); expected a map (at byte offset"
                                + " 0)");
    }

    @Test
    void refusesValuesWithNoDagCborFormNamingTheirPath() {
        Map<String, Object> manifest =
                Map.of("segments", List.of(Map.of("size", 1L), Map.of("size", Double.NaN)));
        assertThatThrownBy(() -> DagCbor.encode(manifest))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "cannot encode $.segments[1].size as DAG-CBOR: NaN has no DAG-CBOR form:"
                                + " NaN and infinities are not allowed");
        assertThatThrownBy(() -> DagCbor.encode(List.of(Double.NEGATIVE_INFINITY)))
                .hasMessageContaining("$[0]")
                .hasMessageContaining("-Infinity has no DAG-CBOR form");
        assertThatThrownBy(() -> DagCbor.encode(Map.of("big", BigInteger.ONE)))
                .hasMessageContaining("$.big")
                .hasMessageContaining("a java.math.BigInteger has no DAG-CBOR form");
        assertThatThrownBy(() -> DagCbor.encode(Map.of("f", 1.5f)))
                .hasMessageContaining("widen a Float to Double");
        assertThatThrownBy(() -> DagCbor.encode(Set.of(1L)))
                .hasMessageContaining("has no DAG-CBOR form; use null, Boolean, Long");
        assertThatThrownBy(() -> DagCbor.encode(Map.of(1L, "one")))
                .hasMessageContaining("map key 1 (java.lang.Long) is not a String");
        assertThatThrownBy(() -> DagCbor.encode(Map.of("a b", List.of("\ud800"))))
                .hasMessage(
                        "cannot encode $[\"a b\"][0] as DAG-CBOR: string has an unpaired"
                                + " surrogate, so it has no UTF-8 form");
    }

    @Test
    void refusesCyclicAndTooDeepDocuments() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThatThrownBy(() -> DagCbor.encode(cyclic))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nest deeper than 256 levels");

        Object deepest = List.of();
        for (int i = 1; i < DagCbor.MAX_DEPTH; i++) {
            deepest = List.of(deepest);
        }
        byte[] bytes = DagCbor.encode(deepest);
        assertThat(DagCbor.decode(bytes)).isEqualTo(deepest);
        Object tooDeep = List.of(deepest);
        assertThatThrownBy(() -> DagCbor.encode(tooDeep))
                .hasMessageContaining("nest deeper than 256 levels");
    }

    private static void assertEncoding(Object value, String hex) {
        byte[] bytes = DagCbor.encode(value);
        assertThat(HEX.formatHex(bytes)).as("encoding of %s", value).isEqualTo(hex);
        assertThat(RandomDocuments.comparable(DagCbor.decode(bytes)))
                .as("decoding of %s", hex)
                .isEqualTo(RandomDocuments.comparable(value));
    }

    private static Object reversed(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            Collections.reverse(entries);
            Map<Object, Object> copy = new LinkedHashMap<>();
            entries.forEach(e -> copy.put(e.getKey(), reversed(e.getValue())));
            return copy;
        } else if (value instanceof List<?> list) {
            return list.stream().map(DagCborTest::reversed).toList();
        }
        return value;
    }
}
