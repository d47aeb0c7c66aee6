package io.cere.stack.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.s3.S3ErrorCode;
import io.cere.stack.storage.s3.S3Exception;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class SigV4VerifierTest {

    private static final String EMPTY = Hex.EMPTY_SHA256;

    @Test
    void acceptsAwsGetObjectExampleWithRange() throws S3Exception {
        Authentication auth = AwsExamples.verifier().verify(getObjectExample("/test.txt"));
        assertThat(auth.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.SIGNED_HASH);
        assertThat(auth.payloadSha256()).isEqualTo(EMPTY);
    }

    @Test
    void acceptsAwsPutObjectExampleWhetherTheDollarIsEscapedOrNot() throws S3Exception {
        String bodyHash = Hex.sha256Hex("Welcome to Amazon S3.");
        for (String path : new String[] {"/test$file.text", "/test%24file.text"}) {
            Map<String, String> headers = new TreeMap<>();
            headers.put("host", AwsExamples.HOST);
            headers.put("date", "Fri, 24 May 2013 00:00:00 GMT");
            headers.put("x-amz-date", AwsExamples.TIMESTAMP);
            headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
            headers.put("x-amz-content-sha256", bodyHash);
            headers.put(
                    "authorization",
                    AwsExamples.authorization(
                            "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                            "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
            Authentication auth =
                    AwsExamples.verifier().verify(AwsExamples.request("PUT", path, "", headers));
            assertThat(auth.payloadSha256()).as(path).isEqualTo(bodyHash);
        }
    }

    @Test
    void acceptsAwsBucketExamplesWithSubresourceAndSortedQuery() throws S3Exception {
        assertThat(
                        AwsExamples.verifier()
                                .verify(
                                        bucketExample(
                                                "lifecycle",
                                                "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"))
                                .payloadMode())
                .isEqualTo(PayloadMode.SIGNED_HASH);
        assertThat(
                        AwsExamples.verifier()
                                .verify(
                                        bucketExample(
                                                "max-keys=2&prefix=J",
                                                "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"))
                                .accessKeyId())
                .isEqualTo("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void acceptsAwsPresignedUrlExampleUntilItExpires() throws S3Exception {
        Authentication auth = AwsExamples.verifier().verify(presignedExample());
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);

        SigV4Verifier lastSecond = verifierAt("2013-05-25T00:00:00Z");
        assertThat(lastSecond.verify(presignedExample()).accessKeyId())
                .isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertRefused(
                () -> verifierAt("2013-05-25T00:00:01Z").verify(presignedExample()),
                S3ErrorCode.ACCESS_DENIED,
                "Request has expired");
    }

    @Test
    void acceptsAwsStreamingExampleAndItsChunksVerifyAgainstTheSeed() throws Exception {
        Authentication auth =
                AwsExamples.verifier()
                        .verify(
                                AwsExamples.request(
                                        "PUT",
                                        "/examplebucket/chunkObject.txt",
                                        "",
                                        AwsExamples.streamingHeaders(
                                                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                                                AwsExamples.STREAMING_SEED)));
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
        byte[] body = AwsExamples.streamingBody(AwsExamples.STREAMING_CHUNKS, null);
        try (var decoded =
                new io.cere.stack.storage.s3.payload.AwsChunkedInputStream(
                        new java.io.ByteArrayInputStream(body),
                        auth.chunkSignatures(),
                        java.util.Set.of())) {
            assertThat(decoded.readAllBytes()).hasSize(66560);
        }
    }

    @Test
    void acceptsAwsStreamingTrailerExampleAndItsSignedTrailer() throws Exception {
        Map<String, String> headers =
                new TreeMap<>(
                        AwsExamples.streamingHeaders(
                                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                                AwsExamples.TRAILER_SEED));
        headers.put("x-amz-trailer", "x-amz-checksum-crc32c");
        headers.put(
                "authorization",
                AwsExamples.authorization(
                        "content-encoding;host;x-amz-content-sha256;x-amz-date;"
                                + "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer",
                        AwsExamples.TRAILER_SEED));
        Authentication auth =
                AwsExamples.verifier()
                        .verify(
                                AwsExamples.request(
                                        "PUT", "/examplebucket/chunkObject.txt", "", headers));
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED_TRAILER);
        byte[] body =
                AwsExamples.streamingBody(
                        AwsExamples.TRAILER_CHUNKS,
                        AwsExamples.TRAILER
                                + "\r\nx-amz-trailer-signature:"
                                + AwsExamples.TRAILER_SIGNATURE
                                + "\r\n\r\n");
        try (var decoded =
                new io.cere.stack.storage.s3.payload.AwsChunkedInputStream(
                        new java.io.ByteArrayInputStream(body),
                        auth.chunkSignatures(),
                        java.util.Set.of("x-amz-checksum-crc32c"))) {
            assertThat(decoded.readAllBytes()).hasSize(66560);
            assertThat(decoded.trailer("x-amz-checksum-crc32c")).hasValue("sOO8/Q==");
        }
    }

    @Test
    void refusesAWrongSecret() {
        SigV4Verifier verifier =
                new SigV4Verifier(
                        Credentials.of(new AccessKey("AKIAIOSFODNN7EXAMPLE", "another-secret")),
                        "us-east-1",
                        AwsExamples.AT_EXAMPLE_TIME);
        assertRefused(
                () -> verifier.verify(getObjectExample("/test.txt")),
                S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                "signature");
    }

    @Test
    void refusesAnAlteredPath() {
        assertRefused(
                () -> AwsExamples.verifier().verify(getObjectExample("/test.txt2")),
                S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                "signature");
    }

    @Test
    void refusesAnUnknownAccessKey() {
        SigV4Verifier verifier =
                new SigV4Verifier(
                        Credentials.of(new AccessKey("someone-else", "some-secret-value")),
                        "us-east-1",
                        AwsExamples.AT_EXAMPLE_TIME);
        assertRefused(
                () -> verifier.verify(getObjectExample("/test.txt")),
                S3ErrorCode.INVALID_ACCESS_KEY_ID,
                "AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void refusesARequestWithoutSignature() {
        assertRefused(
                () ->
                        AwsExamples.verifier()
                                .verify(
                                        AwsExamples.request(
                                                "GET", "/test.txt", "", Map.of("host", "h"))),
                S3ErrorCode.ACCESS_DENIED,
                "not signed");
    }

    @Test
    void refusesAHeaderSignatureFromTooLongAgo() {
        assertRefused(
                () -> verifierAt("2013-05-24T00:15:01Z").verify(getObjectExample("/test.txt")),
                S3ErrorCode.REQUEST_TIME_TOO_SKEWED,
                "15 minutes");
    }

    @Test
    void refusesAnotherRegion() {
        SigV4Verifier verifier =
                new SigV4Verifier(
                        Credentials.of(AwsExamples.KEY), "eu-west-1", AwsExamples.AT_EXAMPLE_TIME);
        assertRefused(
                () -> verifier.verify(getObjectExample("/test.txt")),
                S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED,
                "us-east-1");
    }

    @Test
    void refusesUnsignedAmzHeaders() {
        SignableRequest request = getObjectExample("/test.txt");
        Map<String, java.util.List<String>> headers = new TreeMap<>(request.headers());
        headers.put("x-amz-meta-injected", java.util.List.of("evil"));
        assertRefused(
                () ->
                        AwsExamples.verifier()
                                .verify(
                                        new SignableRequest(
                                                "GET", "/test.txt", request.query(), headers)),
                S3ErrorCode.ACCESS_DENIED,
                "x-amz-meta-injected");
    }

    @Test
    void refusesPresignedUrlsValidForMoreThanAWeek() {
        Map<String, String> headers = Map.of("host", AwsExamples.HOST);
        String query =
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=604801&X-Amz-SignedHeaders=host"
                        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        assertRefused(
                () ->
                        AwsExamples.verifier()
                                .verify(AwsExamples.request("GET", "/test.txt", query, headers)),
                S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                "604800");
    }

    @Test
    void refusesAnUnknownPayloadMode() {
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", AwsExamples.HOST);
        headers.put("x-amz-date", AwsExamples.TIMESTAMP);
        headers.put("x-amz-content-sha256", "SOMETHING-ELSE");
        headers.put(
                "authorization",
                AwsExamples.authorization("host;x-amz-content-sha256;x-amz-date", "0".repeat(64)));
        assertRefused(
                () ->
                        AwsExamples.verifier()
                                .verify(AwsExamples.request("GET", "/test.txt", "", headers)),
                S3ErrorCode.INVALID_ARGUMENT,
                "SOMETHING-ELSE");
    }

    @Test
    void refusesSignatureVersion2() {
        Map<String, String> headers = Map.of("host", "h", "authorization", "AWS AKID:c2lnbmF0dXJl");
        assertRefused(
                () ->
                        AwsExamples.verifier()
                                .verify(AwsExamples.request("GET", "/test.txt", "", headers)),
                S3ErrorCode.INVALID_REQUEST,
                "AWS4-HMAC-SHA256");
    }

    private static SignableRequest getObjectExample(String path) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", AwsExamples.HOST);
        headers.put("range", "bytes=0-9");
        headers.put("x-amz-content-sha256", EMPTY);
        headers.put("x-amz-date", AwsExamples.TIMESTAMP);
        headers.put(
                "authorization",
                AwsExamples.authorization(
                        "host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
        return AwsExamples.request("GET", path, "", headers);
    }

    private static SignableRequest bucketExample(String query, String signature) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", AwsExamples.HOST);
        headers.put("x-amz-content-sha256", EMPTY);
        headers.put("x-amz-date", AwsExamples.TIMESTAMP);
        headers.put(
                "authorization",
                AwsExamples.authorization("host;x-amz-content-sha256;x-amz-date", signature));
        return AwsExamples.request("GET", "/", query, headers);
    }

    private static SignableRequest presignedExample() {
        return AwsExamples.request(
                "GET",
                "/test.txt",
                "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                Map.of("host", AwsExamples.HOST));
    }

    private static SigV4Verifier verifierAt(String instant) {
        return new SigV4Verifier(
                Credentials.of(AwsExamples.KEY),
                "us-east-1",
                Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static void assertRefused(
            ThrowableAssert.ThrowingCallable call, S3ErrorCode code, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(messagePart);
    }
}
