package io.cere.stack.launcher.storage;

import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.auth.CanonicalRequest;
import io.cere.stack.storage.s3.auth.CredentialScope;
import io.cere.stack.storage.s3.auth.QueryParameter;
import io.cere.stack.storage.s3.auth.SigningKey;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Signs S3 requests with AWS Signature Version 4 in the {@code Authorization} header, with the
 * storage node's own SigV4 code (canonical request, key derivation), so the CLI and the node cannot
 * disagree on what is signed.
 */
final class S3Signer {

    /** The payload hash that leaves the body out of the signature (the node's S3 API takes it). */
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final AccessKey key;
    private final String region;
    private final Clock clock;

    S3Signer(AccessKey key, String region, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The headers that sign a request to {@code uri}: {@code x-amz-date}, {@code
     * x-amz-content-sha256} and {@code Authorization}. The host, these two and {@code headers}
     * (lower-case names) are signed; send {@code headers} with the same values.
     */
    Map<String, String> sign(
            String method, URI uri, Map<String, String> headers, String payloadHash) {
        String timestamp = TIMESTAMP.format(clock.instant());
        CredentialScope scope = new CredentialScope(timestamp.substring(0, 8), region, "s3");
        Map<String, String> signed = new TreeMap<>(headers);
        signed.put("host", uri.getRawAuthority());
        signed.put("x-amz-date", timestamp);
        signed.put("x-amz-content-sha256", payloadHash);
        Map<String, List<String>> values = new TreeMap<>();
        signed.forEach((name, value) -> values.put(name, List.of(value)));
        List<String> names = new ArrayList<>(signed.keySet());
        String canonical =
                CanonicalRequest.text(
                        method,
                        uri.getRawPath(),
                        QueryParameter.parse(uri.getRawQuery()),
                        name -> false,
                        values,
                        names,
                        payloadHash);
        String signature =
                SigningKey.derive(key.secret(), scope)
                        .sign(CanonicalRequest.stringToSign(canonical, timestamp, scope));
        Map<String, String> added = new LinkedHashMap<>();
        added.put("x-amz-date", timestamp);
        added.put("x-amz-content-sha256", payloadHash);
        added.put(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential="
                        + key.id()
                        + "/"
                        + scope
                        + ", SignedHeaders="
                        + String.join(";", names)
                        + ", Signature="
                        + signature);
        return added;
    }
}
