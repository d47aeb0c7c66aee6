package io.cere.stack.storage.s3.auth;

import io.cere.stack.storage.s3.S3ErrorCode;
import io.cere.stack.storage.s3.S3Exception;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks AWS Signature Version 4 on a request, in the {@code Authorization} header or in the query
 * of a presigned URL, against the known access keys. A request without either is refused: the API
 * has no anonymous access.
 */
public final class SigV4Verifier {

    /** How far a header-signed request's time may be from the server's, either way (as S3). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final String SERVICE = "s3";

    private final Credentials credentials;
    private final String region;
    private final Clock clock;

    /**
     * @param region the region signatures must be scoped to (bucket-location queries, which clients
     *     sign before they know the region, may use any)
     */
    public SigV4Verifier(Credentials credentials, String region, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Authentication verify(SignableRequest request) throws S3Exception {
        String authorization = request.header("authorization").orElse(null);
        if (authorization != null) {
            return verifyHeader(request, AuthorizationHeader.parse(authorization));
        }
        if (PresignedQuery.present(request)) {
            return verifyPresigned(request, PresignedQuery.parse(request));
        }
        throw S3ErrorCode.ACCESS_DENIED.exception(
                "Access Denied: the request is not signed; sign it with AWS Signature Version 4.");
    }

    private Authentication verifyHeader(SignableRequest request, AuthorizationHeader header)
            throws S3Exception {
        AccessKey key = accessKey(header.credential());
        String timestamp =
                request.header("x-amz-date")
                        .orElseThrow(
                                () ->
                                        S3ErrorCode.ACCESS_DENIED.exception(
                                                "AWS authentication requires a valid Date or"
                                                        + " x-amz-date header"));
        Instant signedAt = parseTimestamp(timestamp, S3ErrorCode.ACCESS_DENIED);
        Duration skew = Duration.between(signedAt, clock.instant()).abs();
        if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw S3ErrorCode.REQUEST_TIME_TOO_SKEWED.exception(
                    "The difference between the request time ("
                            + timestamp
                            + ") and the server's time ("
                            + TIMESTAMP.format(clock.instant())
                            + ") is more than "
                            + MAX_CLOCK_SKEW.toMinutes()
                            + " minutes.");
        }
        checkScope(request, header.credential().scope(), timestamp);
        requireSigned(request, header.signedHeaders(), Set.of());
        String payloadHash =
                request.header("x-amz-content-sha256")
                        .orElseThrow(
                                () ->
                                        S3ErrorCode.INVALID_REQUEST.exception(
                                                "Missing required header for this request:"
                                                        + " x-amz-content-sha256"));
        PayloadMode mode = payloadMode(payloadHash);
        SigningKey signingKey = SigningKey.derive(key.secret(), header.credential().scope());
        checkSignature(
                request,
                signingKey,
                timestamp,
                name -> false,
                header.signedHeaders(),
                payloadHash,
                header.signature());
        ChunkSignatureChain chain =
                mode.signedChunks()
                        ? new ChunkSignatureChain(signingKey, timestamp, header.signature())
                        : null;
        return new Authentication(
                key.id(), mode, mode == PayloadMode.SIGNED_HASH ? payloadHash : null, chain);
    }

    private Authentication verifyPresigned(SignableRequest request, PresignedQuery query)
            throws S3Exception {
        AccessKey key = accessKey(query.credential());
        Instant signedAt =
                parseTimestamp(query.timestamp(), S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
        Instant now = clock.instant();
        if (now.isAfter(signedAt.plusSeconds(query.expiresSeconds()))) {
            throw S3ErrorCode.ACCESS_DENIED.exception("Request has expired");
        }
        if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw S3ErrorCode.ACCESS_DENIED.exception("Request is not valid yet");
        }
        checkScope(request, query.credential().scope(), query.timestamp());
        requireSigned(request, query.signedHeaders(), Set.of("x-amz-content-sha256"));
        String payloadHash =
                request.queryValue("X-Amz-Content-Sha256")
                        .or(() -> request.header("x-amz-content-sha256"))
                        .orElse(PayloadMode.UNSIGNED.headerValue());
        PayloadMode mode = payloadMode(payloadHash);
        if (mode.awsChunked()) {
            throw S3ErrorCode.INVALID_REQUEST.exception(
                    "A presigned URL cannot carry an aws-chunked (" + payloadHash + ") body.");
        }
        SigningKey signingKey = SigningKey.derive(key.secret(), query.credential().scope());
        checkSignature(
                request,
                signingKey,
                query.timestamp(),
                PresignedQuery.SIGNATURE::equals,
                query.signedHeaders(),
                payloadHash,
                query.signature());
        return new Authentication(
                key.id(), mode, mode == PayloadMode.SIGNED_HASH ? payloadHash : null, null);
    }

    private AccessKey accessKey(SignedCredential credential) throws S3Exception {
        return credentials
                .find(credential.accessKeyId())
                .orElseThrow(
                        () ->
                                S3ErrorCode.INVALID_ACCESS_KEY_ID.exception(
                                        "The AWS access key ID '"
                                                + credential.accessKeyId()
                                                + "' does not exist in our records."));
    }

    private void checkScope(SignableRequest request, CredentialScope scope, String timestamp)
            throws S3Exception {
        if (!timestamp.startsWith(scope.date())) {
            throw S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED.exception(
                    "The credential date "
                            + scope.date()
                            + " is not the date of the request time "
                            + timestamp
                            + ".");
        }
        if (!scope.service().equals(SERVICE)) {
            throw S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED.exception(
                    "The credential names service '"
                            + scope.service()
                            + "'; expecting '"
                            + SERVICE
                            + "'.");
        }
        // Clients sign the bucket-location query with us-east-1 to learn the region.
        if (!scope.region().equals(region) && !request.hasQuery("location")) {
            throw S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED.exception(
                    "The authorization header is malformed; the region '"
                            + scope.region()
                            + "' is wrong; expecting '"
                            + region
                            + "'.");
        }
    }

    /** Every {@code x-amz-*} header present must be signed, or it could be added in transit. */
    private static void requireSigned(
            SignableRequest request, List<String> signedHeaders, Set<String> exempt)
            throws S3Exception {
        Set<String> unsigned = new LinkedHashSet<>();
        for (String name : request.headers().keySet()) {
            if (name.startsWith("x-amz-")
                    && !signedHeaders.contains(name)
                    && !exempt.contains(name)) {
                unsigned.add(name);
            }
        }
        if (!unsigned.isEmpty()) {
            throw S3ErrorCode.ACCESS_DENIED.exception(
                    "There were headers present in the request which were not signed: "
                            + String.join(", ", unsigned));
        }
    }

    private static PayloadMode payloadMode(String payloadHash) throws S3Exception {
        PayloadMode mode = PayloadMode.of(payloadHash);
        if (mode == null) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception(
                    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD,"
                            + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD,"
                            + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER,"
                            + " STREAMING-UNSIGNED-PAYLOAD-TRAILER or a SHA-256 in hex, was '"
                            + payloadHash
                            + "'");
        }
        return mode;
    }

    /**
     * Accepts the signature when it matches the path re-encoded the SigV4 way, or the path exactly
     * as sent: clients differ in which characters they escape on the wire, and each signs the form
     * it believes canonical.
     */
    private static void checkSignature(
            SignableRequest request,
            SigningKey signingKey,
            String timestamp,
            java.util.function.Predicate<String> excludedQuery,
            List<String> signedHeaders,
            String payloadHash,
            String claimed)
            throws S3Exception {
        List<String> uris = new ArrayList<>(2);
        try {
            uris.add(AwsUriEncoding.encode(AwsUriEncoding.decodePath(request.rawPath()), true));
        } catch (IllegalArgumentException e) {
            // Undecodable: only the raw form can be what the client signed.
        }
        if (!uris.contains(request.rawPath())) {
            uris.add(request.rawPath());
        }
        Map<String, List<String>> headers = request.headers();
        for (String uri : uris) {
            String canonical =
                    CanonicalRequest.text(
                            request.method(),
                            uri,
                            request.query(),
                            excludedQuery,
                            headers,
                            signedHeaders,
                            payloadHash);
            String expected =
                    signingKey.sign(
                            CanonicalRequest.stringToSign(
                                    canonical, timestamp, signingKey.scope()));
            if (MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII),
                    claimed.getBytes(StandardCharsets.US_ASCII))) {
                return;
            }
        }
        throw S3ErrorCode.SIGNATURE_DOES_NOT_MATCH.exception();
    }

    private static Instant parseTimestamp(String timestamp, S3ErrorCode code) throws S3Exception {
        try {
            return Instant.from(TIMESTAMP.parse(timestamp));
        } catch (DateTimeParseException e) {
            throw code.exception(
                    "X-Amz-Date '" + timestamp + "' is not of the form yyyyMMdd'T'HHmmss'Z'.");
        }
    }
}
