package io.cere.stack.storage.s3.testutils;

import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.auth.AwsUriEncoding;
import io.cere.stack.storage.s3.auth.CanonicalRequest;
import io.cere.stack.storage.s3.auth.ChunkSignatureChain;
import io.cere.stack.storage.s3.auth.CredentialScope;
import io.cere.stack.storage.s3.auth.Hex;
import io.cere.stack.storage.s3.auth.QueryParameter;
import io.cere.stack.storage.s3.auth.SigningKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs raw requests for tests that need what no real client sends (forged bodies, odd keys,
 * expired URLs). Real clients prove the signing itself; this only has to agree with them.
 */
public final class TestSigner {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final AccessKey key;
    private final String region;

    public TestSigner(AccessKey key, String region) {
        this.key = key;
        this.region = region;
    }

    /** A signed request ready for {@link RawHttp}. */
    public record Signed(
            String target,
            List<String[]> headers,
            String seedSignature,
            SigningKey signingKey,
            String timestamp) {}

    /**
     * Signs with the Authorization header; every header given is signed.
     *
     * @param path the raw (encoded) path as it will be sent
     * @param headers names in lower case; must include host
     */
    public Signed sign(
            String method,
            String path,
            String rawQuery,
            Map<String, String> headers,
            String payloadHash,
            Instant at) {
        String timestamp = TIMESTAMP.format(at);
        CredentialScope scope = new CredentialScope(timestamp.substring(0, 8), region, "s3");
        Map<String, String> all = new TreeMap<>(headers);
        all.put("x-amz-date", timestamp);
        all.put("x-amz-content-sha256", payloadHash);
        Map<String, List<String>> multi = new TreeMap<>();
        all.forEach((name, value) -> multi.put(name, List.of(value)));
        List<String> signed = new ArrayList<>(all.keySet());
        SigningKey signingKey = SigningKey.derive(key.secret(), scope);
        String canonical =
                CanonicalRequest.text(
                        method,
                        path,
                        QueryParameter.parse(rawQuery),
                        name -> false,
                        multi,
                        signed,
                        payloadHash);
        String signature =
                signingKey.sign(CanonicalRequest.stringToSign(canonical, timestamp, scope));
        List<String[]> wire = new ArrayList<>();
        all.forEach((name, value) -> wire.add(new String[] {name, value}));
        wire.add(
                new String[] {
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential="
                            + key.id()
                            + "/"
                            + scope
                            + ", SignedHeaders="
                            + String.join(";", signed)
                            + ", Signature="
                            + signature
                });
        String target = rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
        return new Signed(target, wire, signature, signingKey, timestamp);
    }

    /** A presigned URL's path and query, signing only the host. */
    public String presign(
            String method, String path, String host, Instant at, long expiresSeconds) {
        String timestamp = TIMESTAMP.format(at);
        CredentialScope scope = new CredentialScope(timestamp.substring(0, 8), region, "s3");
        String query =
                "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential="
                        + AwsUriEncoding.encode(key.id() + "/" + scope, false)
                        + "&X-Amz-Date="
                        + timestamp
                        + "&X-Amz-Expires="
                        + expiresSeconds
                        + "&X-Amz-SignedHeaders=host";
        String canonical =
                CanonicalRequest.text(
                        method,
                        path,
                        QueryParameter.parse(query),
                        name -> false,
                        Map.of("host", List.of(host)),
                        List.of("host"),
                        "UNSIGNED-PAYLOAD");
        String signature =
                SigningKey.derive(key.secret(), scope)
                        .sign(CanonicalRequest.stringToSign(canonical, timestamp, scope));
        return path + "?" + query + "&X-Amz-Signature=" + signature;
    }

    /**
     * An aws-chunked body of {@code data} in chunks of {@code chunkSize}: signed when {@code chain}
     * is given, and ending with {@code trailers} ({@code name:value} lines) if any.
     */
    public static byte[] awsChunked(
            byte[] data, int chunkSize, ChunkSignatureChain chain, List<String> trailers) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int offset = 0;
        while (true) {
            int size = Math.min(chunkSize, data.length - offset);
            byte[] chunk = new byte[size];
            System.arraycopy(data, offset, chunk, 0, size);
            String header = Integer.toHexString(size).toLowerCase(Locale.ROOT);
            if (chain != null) {
                String signature = chain.expectedChunk(Hex.sha256(chunk));
                chain.acceptChunk(Hex.sha256(chunk), signature);
                header += ";chunk-signature=" + signature;
            }
            write(body, header + "\r\n");
            body.write(chunk, 0, size);
            offset += size;
            if (size == 0) {
                break;
            }
            write(body, "\r\n");
        }
        if (trailers.isEmpty()) {
            write(body, "\r\n");
        } else {
            StringBuilder canonical = new StringBuilder();
            for (String trailer : trailers) {
                write(body, trailer + "\r\n");
                canonical.append(trailer).append('\n');
            }
            if (chain != null) {
                write(
                        body,
                        "x-amz-trailer-signature:"
                                + chain.expectedTrailer(canonical.toString())
                                + "\r\n");
            }
            write(body, "\r\n");
        }
        return body.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
