package io.cere.stack.storage.s3.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.s3.S3ErrorCode;
import io.cere.stack.storage.s3.auth.ChunkSignatureChain;
import io.cere.stack.storage.s3.auth.CredentialScope;
import io.cere.stack.storage.s3.auth.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Decoding aws-chunked bodies, against the chunk and trailer signatures AWS published for its
 * streaming PUT examples (66560 bytes of 'a'), and malformed input.
 */
class AwsChunkedInputStreamTest {

    private static final SigningKey KEY =
            SigningKey.derive(
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    new CredentialScope("20130524", "us-east-1", "s3"));
    private static final String SEED =
            "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    private static final List<String> CHUNKS =
            List.of(
                    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
                    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
    private static final String TRAILER_SEED =
            "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e";
    private static final List<String> TRAILER_CHUNKS =
            List.of(
                    "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
                    "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
                    "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992");
    private static final String TRAILER_SIGNATURE =
            "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435";

    @Test
    void decodesAwsSignedExampleVerifyingEveryChunk() throws IOException {
        byte[] decoded = read(signed(example(CHUNKS, "\r\n")));
        assertThat(decoded).hasSize(66560).containsOnly((byte) 'a');
    }

    @Test
    void decodesAwsSignedTrailerExampleVerifyingTheTrailerSignature() throws IOException {
        AwsChunkedInputStream in =
                new AwsChunkedInputStream(
                        new ByteArrayInputStream(
                                example(
                                        TRAILER_CHUNKS,
                                        "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                                                + "x-amz-trailer-signature:"
                                                + TRAILER_SIGNATURE
                                                + "\r\n\r\n")),
                        new ChunkSignatureChain(KEY, "20130524T000000Z", TRAILER_SEED),
                        Set.of("x-amz-checksum-crc32c"));
        assertThat(in.readAllBytes()).hasSize(66560);
        assertThat(in.trailer("x-amz-checksum-crc32c")).hasValue("sOO8/Q==");
    }

    @Test
    void refusesAnAlteredChunk() {
        byte[] body = example(CHUNKS, "\r\n");
        body[100] = 'b';
        assertRejected(() -> read(signed(body)), S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void refusesChunksInAnotherOrderOrAWrongSeed() {
        List<String> swapped = List.of(CHUNKS.get(1), CHUNKS.get(0), CHUNKS.get(2));
        assertRejected(
                () -> read(signed(example(swapped, "\r\n"))), S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
        assertRejected(
                () ->
                        new AwsChunkedInputStream(
                                        new ByteArrayInputStream(example(CHUNKS, "\r\n")),
                                        new ChunkSignatureChain(
                                                KEY, "20130524T000000Z", "0".repeat(64)),
                                        Set.of())
                                .readAllBytes(),
                S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void refusesAWrongTrailerSignatureOrAMissingOne() {
        String forged =
                "x-amz-checksum-crc32c:AAAAAA==\r\nx-amz-trailer-signature:"
                        + TRAILER_SIGNATURE
                        + "\r\n\r\n";
        assertRejected(() -> readTrailer(forged), S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
        assertRejected(
                () -> readTrailer("x-amz-checksum-crc32c:sOO8/Q==\r\n\r\n"),
                S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void decodesUnsignedChunksWithATrailer() throws IOException {
        byte[] body =
                ascii("5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n");
        AwsChunkedInputStream in =
                new AwsChunkedInputStream(
                        new ByteArrayInputStream(body), null, Set.of("x-amz-checksum-crc32"));
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("hello world");
        assertThat(in.trailer("X-Amz-Checksum-CRC32")).hasValue("DUoRhQ==");
    }

    @Test
    void acceptsAnUnsignedBodyThatEndsRightAfterItsTrailers() throws IOException {
        assertThat(unsigned("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:x\r\n", "x-amz-checksum-crc32"))
                .isEqualTo("abc");
    }

    @Test
    void refusesMalformedFraming() {
        assertRejected(() -> unsigned("zz\r\nabc\r\n0\r\n\r\n"), S3ErrorCode.INVALID_REQUEST);
        assertRejected(() -> unsigned("\r\nabc\r\n0\r\n\r\n"), S3ErrorCode.INVALID_REQUEST);
        assertRejected(() -> unsigned("3\r\nabcX\r\n0\r\n\r\n"), S3ErrorCode.INVALID_REQUEST);
        assertRejected(() -> unsigned("3\nabc\r\n0\r\n\r\n"), S3ErrorCode.INVALID_REQUEST);
        assertRejected(() -> unsigned("1".repeat(5000) + "\r\n"), S3ErrorCode.INVALID_REQUEST);
        assertRejected(() -> unsigned("1234567890abcdef0\r\n"), S3ErrorCode.INVALID_REQUEST);
        assertRejected(
                () -> unsigned("3\r\nabc\r\n0\r\nno-colon\r\n\r\n", "x"),
                S3ErrorCode.INVALID_REQUEST);
    }

    @Test
    void refusesTruncatedBodies() {
        assertRejected(() -> unsigned("10\r\nabc"), S3ErrorCode.INCOMPLETE_BODY);
        assertRejected(() -> unsigned("3\r\nabc\r\n"), S3ErrorCode.INCOMPLETE_BODY);
        assertRejected(() -> unsigned("3\r\nab"), S3ErrorCode.INCOMPLETE_BODY);
        assertRejected(() -> unsigned("3\r\nabc\r\n0\r"), S3ErrorCode.INCOMPLETE_BODY);
    }

    @Test
    void refusesSignedChunksWithoutSignatures() {
        assertRejected(
                () -> read(signed(ascii("3\r\nabc\r\n0\r\n\r\n"))), S3ErrorCode.INVALID_REQUEST);
    }

    @Test
    void refusesTrailersThatWereNotDeclaredOrDidNotCome() {
        assertRejected(
                () ->
                        unsigned(
                                "3\r\nabc\r\n0\r\nx-amz-checksum-sha1:x\r\n\r\n",
                                "x-amz-checksum-crc32"),
                S3ErrorCode.INVALID_REQUEST);
        assertRejected(
                () -> unsigned("3\r\nabc\r\n0\r\n\r\n", "x-amz-checksum-crc32"),
                S3ErrorCode.INCOMPLETE_BODY);
    }

    private static byte[] example(List<String> signatures, String ending) {
        return ascii(
                "10000;chunk-signature="
                        + signatures.get(0)
                        + "\r\n"
                        + "a".repeat(65536)
                        + "\r\n"
                        + "400;chunk-signature="
                        + signatures.get(1)
                        + "\r\n"
                        + "a".repeat(1024)
                        + "\r\n"
                        + "0;chunk-signature="
                        + signatures.get(2)
                        + "\r\n"
                        + ending);
    }

    private static byte[] readTrailer(String trailer) throws IOException {
        return new AwsChunkedInputStream(
                        new ByteArrayInputStream(example(TRAILER_CHUNKS, trailer)),
                        new ChunkSignatureChain(KEY, "20130524T000000Z", TRAILER_SEED),
                        Set.of("x-amz-checksum-crc32c"))
                .readAllBytes();
    }

    private static InputStream signed(byte[] body) {
        return new AwsChunkedInputStream(
                new ByteArrayInputStream(body),
                new ChunkSignatureChain(KEY, "20130524T000000Z", SEED),
                Set.of());
    }

    private static String unsigned(String body, String... trailers) throws IOException {
        return new String(
                new AwsChunkedInputStream(
                                new ByteArrayInputStream(ascii(body)), null, Set.of(trailers))
                        .readAllBytes(),
                StandardCharsets.US_ASCII);
    }

    /** Reads with small and odd buffer sizes, as consumers do. */
    private static byte[] read(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[7777];
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertRejected(ThrowableAssert.ThrowingCallable call, S3ErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        PayloadRejectedException.class,
                        e -> assertThat(e.rejection().code()).isEqualTo(code));
    }
}
