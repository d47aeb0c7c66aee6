package io.cere.stack.storage.s3.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The worked examples of AWS's S3 SigV4 documentation ("Signature Calculations for the
 * Authorization Header", "... Query Parameters", "... Transferring Payload in Multiple Chunks" and
 * "... Trailing Headers"): fixed credentials, a fixed time, and the signatures AWS published.
 */
final class AwsExamples {

    static final AccessKey KEY =
            new AccessKey("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    static final String TIMESTAMP = "20130524T000000Z";
    static final Clock AT_EXAMPLE_TIME =
            Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC);
    static final String HOST = "examplebucket.s3.amazonaws.com";

    static final String STREAMING_SEED =
            "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    static final List<String> STREAMING_CHUNKS =
            List.of(
                    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
                    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
    static final String TRAILER_SEED =
            "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e";
    static final List<String> TRAILER_CHUNKS =
            List.of(
                    "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
                    "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
                    "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992");
    static final String TRAILER_SIGNATURE =
            "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435";
    static final String TRAILER = "x-amz-checksum-crc32c:sOO8/Q==";

    private AwsExamples() {}

    static SigV4Verifier verifier() {
        return new SigV4Verifier(Credentials.of(KEY), "us-east-1", AT_EXAMPLE_TIME);
    }

    static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders="
                + signedHeaders
                + ",Signature="
                + signature;
    }

    static SignableRequest request(
            String method, String rawPath, String rawQuery, Map<String, String> headers) {
        Map<String, List<String>> multi = new TreeMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new SignableRequest(method, rawPath, QueryParameter.parse(rawQuery), multi);
    }

    /** The headers of the chunked PUT examples, with the given payload mode and seed. */
    static Map<String, String> streamingHeaders(String mode, String seed) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", "s3.amazonaws.com");
        headers.put("x-amz-date", TIMESTAMP);
        headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
        headers.put("x-amz-content-sha256", mode);
        headers.put("content-encoding", "aws-chunked");
        headers.put("x-amz-decoded-content-length", "66560");
        headers.put("content-length", "66824");
        headers.put(
                "authorization",
                authorization(
                        "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                                + "x-amz-decoded-content-length;x-amz-storage-class",
                        seed));
        return headers;
    }

    /** 66560 bytes of 'a' in a 64 KiB chunk, a 1 KiB chunk and the final chunk, signed. */
    static byte[] streamingBody(List<String> signatures, String trailer) {
        StringBuilder body = new StringBuilder();
        body.append("10000;chunk-signature=").append(signatures.get(0)).append("\r\n");
        body.append("a".repeat(65536)).append("\r\n");
        body.append("400;chunk-signature=").append(signatures.get(1)).append("\r\n");
        body.append("a".repeat(1024)).append("\r\n");
        body.append("0;chunk-signature=").append(signatures.get(2)).append("\r\n");
        if (trailer == null) {
            body.append("\r\n");
        } else {
            body.append(trailer);
        }
        return body.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
