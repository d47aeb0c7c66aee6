package io.cere.stack.storage.cas;

import java.util.Arrays;
import java.util.Map;

/**
 * DAG-CBOR, the IPLD codec for structured blocks such as object manifests: deterministic CBOR (RFC
 * 8949) in which links to other blocks are CIDs under tag 42. Equal documents always encode to the
 * same bytes, so a document's CID is a function of the document, and the bytes are the ones
 * {@code @ipld/dag-cbor} and other IPLD implementations produce and accept.
 *
 * <p>Documents are plain Java values, so a manifest is built with {@code Map.of} and {@code
 * List.of}:
 *
 * <table>
 *   <caption>Java values and their CBOR encoding</caption>
 *   <tr><th>Java</th><th>CBOR</th></tr>
 *   <tr><td>{@code null}</td><td>null (simple value 22)</td></tr>
 *   <tr><td>{@link Boolean}</td><td>false / true</td></tr>
 *   <tr><td>{@link Long} (also {@link Integer}, {@link Short}, {@link Byte} when encoding)</td>
 *       <td>unsigned or negative integer, shortest form</td></tr>
 *   <tr><td>{@link Double}, finite</td><td>64-bit float, always</td></tr>
 *   <tr><td>{@link String}</td><td>UTF-8 text string</td></tr>
 *   <tr><td>{@code byte[]}</td><td>byte string</td></tr>
 *   <tr><td>{@link Cid}</td><td>tag 42 over a byte string: {@code 0x00} then the binary CID</td></tr>
 *   <tr><td>{@link java.util.List}</td><td>array</td></tr>
 *   <tr><td>{@link Map} with {@link String} keys</td>
 *       <td>map, keys sorted by UTF-8 length, then bytewise</td></tr>
 * </table>
 *
 * <p>Decoding returns the same types ({@link Long} for every integer), with unmodifiable lists and
 * maps whose iteration order is the encoded key order. It accepts only the canonical encoding:
 * non-shortest integers and lengths, indefinite lengths, unsorted or duplicate map keys, non-text
 * keys, tags other than 42, half and single precision floats, NaN, infinities, {@code undefined}
 * and other simple values, invalid UTF-8, and bytes after the value are all rejected with a {@link
 * DagCborException} that names the problem and its byte offset. Integers must fit a {@code long}:
 * CBOR's range beyond it (to 2<sup>64</sup>-1 and -2<sup>64</sup>) is refused.
 */
public final class DagCbor {

    /** The CBOR tag of a CID link. */
    public static final int CID_TAG = 42;

    /** How deeply lists and maps may nest; deeper documents are refused rather than overflow. */
    public static final int MAX_DEPTH = 256;

    private DagCbor() {}

    /**
     * The canonical DAG-CBOR encoding of {@code document}.
     *
     * @throws IllegalArgumentException when the document holds a value with no DAG-CBOR form (an
     *     unsupported type, a non-string map key, NaN or an infinity, a string with an unpaired
     *     surrogate) or nests deeper than {@value #MAX_DEPTH}; the message gives its path, for
     *     example {@code $.segments[2].size}
     */
    public static byte[] encode(Object document) {
        return new DagCborEncoder().encode(document);
    }

    /**
     * Decodes one canonical DAG-CBOR value that makes up all of {@code bytes}.
     *
     * @throws DagCborException when the bytes are not canonical DAG-CBOR
     */
    public static Object decode(byte[] bytes) {
        return new DagCborDecoder(bytes).decodeDocument();
    }

    /**
     * Decodes a document whose top level is a map, as manifests are.
     *
     * @throws DagCborException when the bytes are not canonical DAG-CBOR or not a map
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> decodeMap(byte[] bytes) {
        if (bytes.length > 0 && (bytes[0] & 0xff) >>> 5 != Cbor.MAP) {
            throw new DagCborException(
                    "top-level value has major type "
                            + Cbor.describe((bytes[0] & 0xff) >>> 5)
                            + "; expected a map",
                    0);
        }
        return (Map<String, Object>) decode(bytes);
    }

    /** The map key order of DAG-CBOR: shorter UTF-8 first, then unsigned bytewise. */
    static int compareKeys(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        return Arrays.compareUnsigned(a, b);
    }
}
