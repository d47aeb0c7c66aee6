package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.auth.Authentication;
import io.cere.stack.storage.s3.auth.PayloadMode;
import io.cere.stack.storage.s3.payload.AwsChunkedInputStream;
import io.cere.stack.storage.s3.payload.ChecksumAlgorithm;
import io.cere.stack.storage.s3.payload.PayloadRejectedException;
import io.cere.stack.storage.s3.payload.VerifiedPayload;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens a request's body as a {@link VerifiedPayload} with every check the request asks for: its
 * declared length, the payload hash it was signed with, aws-chunked framing and chunk signatures,
 * Content-MD5 and additional checksums. The declared length is checked against the limit before a
 * byte is read.
 */
final class RequestBodies {

    private RequestBodies() {}

    /**
     * @param maxLength the most bytes the body may declare; more is EntityTooLarge
     * @throws S3Exception MissingContentLength when the request declares no length, EntityTooLarge
     *     when it declares more than {@code maxLength}
     */
    static VerifiedPayload open(S3Request request, long maxLength) throws S3Exception {
        return open(request, maxLength, true);
    }

    /**
     * @param lengthRequired whether a request without Content-Length is refused (object bodies)
     *     rather than read as empty (optional XML documents)
     */
    private static VerifiedPayload open(S3Request request, long maxLength, boolean lengthRequired)
            throws S3Exception {
        Authentication auth = request.auth();
        boolean chunked = auth.payloadMode().awsChunked();
        long declared = declaredLength(request, chunked, lengthRequired);
        if (declared < 0) {
            throw S3ErrorCode.MISSING_CONTENT_LENGTH.exception(
                    chunked
                            ? "An aws-chunked body needs the x-amz-decoded-content-length header."
                            : "You must provide the Content-Length HTTP header.");
        }
        if (declared > maxLength) {
            throw S3ErrorCode.ENTITY_TOO_LARGE.exception(
                    "Your proposed upload of "
                            + declared
                            + " bytes exceeds the maximum allowed size of "
                            + maxLength
                            + " bytes.");
        }
        InputStream raw = request.body();
        VerifiedPayload payload;
        Set<String> trailers = declaredTrailers(request);
        if (chunked) {
            AwsChunkedInputStream decoded =
                    new AwsChunkedInputStream(
                            raw,
                            auth.payloadMode().signedChunks() ? auth.chunkSignatures() : null,
                            auth.payloadMode().trailer() ? trailers : Set.of());
            payload = new VerifiedPayload(decoded, declared);
            if (auth.payloadMode().trailer()) {
                for (String trailer : trailers) {
                    Optional<ChecksumAlgorithm> algorithm = ChecksumAlgorithm.ofHeader(trailer);
                    if (algorithm.isPresent()) {
                        payload.expectChecksum(algorithm.get(), () -> decoded.trailer(trailer));
                        break;
                    }
                }
            }
        } else {
            payload = new VerifiedPayload(raw, declared);
        }
        if (auth.payloadMode() == PayloadMode.SIGNED_HASH) {
            payload.expectSha256(auth.payloadSha256());
        }
        Optional<String> contentMd5 = request.header("content-md5");
        if (contentMd5.isPresent()) {
            payload.expectContentMd5(validMd5(contentMd5.get()));
        }
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            Optional<ChecksumAlgorithm> algorithm = ChecksumAlgorithm.ofHeader(header.getKey());
            if (algorithm.isPresent() && !header.getValue().isEmpty()) {
                String value = header.getValue().get(0);
                payload.expectChecksum(algorithm.get(), () -> Optional.of(value));
                break;
            }
        }
        return payload;
    }

    /** The whole of a small body (an XML document), read and checked. */
    static byte[] readSmall(S3Request request, int maxLength) throws S3Exception, IOException {
        VerifiedPayload payload = open(request, maxLength, false);
        try {
            return payload.readAllBytes();
        } catch (PayloadRejectedException e) {
            throw e.rejection();
        }
    }

    /** Whether the request carries Content-MD5 or an additional checksum of its body. */
    static boolean hasIntegrityHeader(S3Request request) {
        if (request.header("content-md5").isPresent()) {
            return true;
        }
        for (String name : request.headers().keySet()) {
            if (ChecksumAlgorithm.ofHeader(name).isPresent()) {
                return true;
            }
        }
        return !declaredTrailers(request).isEmpty() && request.auth().payloadMode().trailer();
    }

    /** The declared length, or -1 when there is none. */
    private static long declaredLength(S3Request request, boolean chunked, boolean required)
            throws S3Exception {
        String header = chunked ? "x-amz-decoded-content-length" : "content-length";
        Optional<String> value = request.header(header);
        if (value.isEmpty()) {
            // No length and no chunked transfer: a request without a body.
            boolean bodyless = !chunked && request.header("transfer-encoding").isEmpty();
            return bodyless && !required ? 0 : -1;
        }
        try {
            long length = Long.parseLong(value.get().strip());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception(
                    header + " must be a non-negative number, was '" + value.get() + "'");
        }
    }

    private static Set<String> declaredTrailers(S3Request request) {
        Set<String> names = new LinkedHashSet<>();
        request.header("x-amz-trailer")
                .ifPresent(
                        value -> {
                            for (String name : value.split(",")) {
                                if (!name.isBlank()) {
                                    names.add(name.strip().toLowerCase(Locale.ROOT));
                                }
                            }
                        });
        return names;
    }

    private static String validMd5(String base64) throws S3Exception {
        try {
            if (Base64.getDecoder().decode(base64.strip()).length == 16) {
                return base64.strip();
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw S3ErrorCode.INVALID_DIGEST.exception(
                "The Content-MD5 you specified is not valid: '" + base64 + "'.");
    }
}
