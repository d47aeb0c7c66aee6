package io.cere.stack.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body into memory without ever holding more than the limit: a declared
 * Content-Length over the limit is refused before reading, and a body of unknown length (chunked)
 * is counted while it streams in and refused as soon as it passes the limit.
 *
 * <p>A refused body is not kept, but up to {@link #SWALLOW_BYTES} of it are read and dropped before
 * answering: a server that answers and closes while the client is still sending makes the client's
 * TCP stack reset the connection, and the client never sees the 413. A body too large even for that
 * is answered at once with {@code Connection: close}.
 */
final class RequestBody {

    static final int STATUS_TOO_LARGE = 413;
    static final int STATUS_UNSUPPORTED_MEDIA_TYPE = 415;

    /** How much of a refused body is read and dropped so that the client gets the answer. */
    static final long SWALLOW_BYTES = 4L * 1024 * 1024;

    private static final int CHUNK = 16 * 1024;

    private RequestBody() {}

    /**
     * Refuses a request whose Content-Type is not {@code application/json} (with no charset or
     * charset UTF-8: envelopes are UTF-8 JSON).
     */
    static void checkContentType(String contentType) throws RejectedRequest {
        if (contentType == null || contentType.isBlank()) {
            throw unsupportedMediaType("none");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            throw unsupportedMediaType(contentType);
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = parameter.substring(0, eq).trim();
            String value = parameter.substring(eq + 1).trim().replace("\"", "");
            if (name.equalsIgnoreCase("charset") && !value.equalsIgnoreCase("utf-8")) {
                throw unsupportedMediaType(contentType);
            }
        }
    }

    private static RejectedRequest unsupportedMediaType(String seen) {
        return RejectedRequest.of(
                STATUS_UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Content-Type must be application/json (UTF-8), got " + seen);
    }

    /**
     * Parses a Content-Length header: -1 when absent (the body is chunked or empty).
     *
     * @throws RejectedRequest 400 when the header is not a non-negative number
     */
    static long declaredLength(String contentLength) throws RejectedRequest {
        if (contentLength == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(contentLength.trim());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RejectedRequest.of(
                400,
                "invalid_request",
                "Content-Length must be a non-negative number, got '" + contentLength + "'");
    }

    /**
     * Reads the whole body.
     *
     * @param declaredLength the Content-Length, or -1 when unknown
     * @throws RejectedRequest 413 when the body is, or turns out to be, larger than {@code
     *     maxBytes}
     * @throws IOException when the client's connection fails
     */
    static byte[] read(InputStream in, long declaredLength, int maxBytes)
            throws RejectedRequest, IOException {
        if (declaredLength > maxBytes) {
            throw tooLarge(maxBytes, declaredLength <= SWALLOW_BYTES && swallow(in));
        }
        int expected = declaredLength >= 0 ? (int) declaredLength : Math.min(CHUNK, maxBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(expected);
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(maxBytes, swallow(in));
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Reads and drops up to {@link #SWALLOW_BYTES}; true if the body ended within them. */
    private static boolean swallow(InputStream in) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long left = SWALLOW_BYTES;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return true;
            }
            left -= n;
        }
        return in.read() < 0;
    }

    /**
     * The 413 answer.
     *
     * @param bodyConsumed whether the whole body was read, so the connection can serve the next
     *     request
     */
    static RejectedRequest tooLarge(int maxBytes, boolean bodyConsumed) {
        GatewayResponse response =
                GatewayResponse.error(
                        STATUS_TOO_LARGE,
                        "body_too_large",
                        "request body exceeds " + maxBytes + " bytes");
        return new RejectedRequest(
                bodyConsumed ? response : response.withHeader("Connection", "close"));
    }
}
