package io.cere.stack.storage.s3.payload;

import io.cere.stack.storage.s3.S3ErrorCode;
import io.cere.stack.storage.s3.S3Exception;
import io.cere.stack.storage.s3.auth.ChunkSignatureChain;
import io.cere.stack.storage.s3.auth.Hex;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes an aws-chunked body into the bytes it carries:
 *
 * <pre>
 * hex-size[;chunk-signature=sig] CRLF data CRLF ... 0[;chunk-signature=sig] CRLF
 * [name:value CRLF ...] [x-amz-trailer-signature:sig CRLF] CRLF
 * </pre>
 *
 * <p>With a {@link ChunkSignatureChain} every chunk's signature is checked when its last byte is
 * read, and a signed trailer's signature at the end; a mismatch, bad framing or a body cut short
 * throws {@link PayloadRejectedException}, so a consumer never completes on a forged body. Trailers
 * must be among those the request declared in {@code x-amz-trailer}, and every declared one must
 * come.
 */
public final class AwsChunkedInputStream extends InputStream {

    static final int MAX_LINE = 4096;
    private static final String SIGNATURE_EXTENSION = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final InputStream in;
    private final ChunkSignatureChain signatures;
    private final Set<String> declaredTrailers;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private final MessageDigest chunkDigest = Hex.newSha256();

    private long remainingInChunk;
    private boolean inData;
    private boolean finished;
    private String chunkSignature;

    /**
     * @param signatures the chain signed chunks follow, or {@code null} for unsigned chunks
     * @param declaredTrailers lower-case names from {@code x-amz-trailer}; empty for none
     */
    public AwsChunkedInputStream(
            InputStream in, ChunkSignatureChain signatures, Set<String> declaredTrailers) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.signatures = signatures;
        this.declaredTrailers = Set.copyOf(declaredTrailers);
    }

    /** A trailing header's value, once the stream has been read to its end. */
    public Optional<String> trailer(String name) {
        return Optional.ofNullable(trailers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!finished && remainingInChunk == 0) {
            if (inData) {
                expectLineEnd();
                inData = false;
            }
            startChunk();
        }
        if (finished) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remainingInChunk));
        if (n < 0) {
            throw rejected(
                    S3ErrorCode.INCOMPLETE_BODY,
                    "the aws-chunked body ended " + remainingInChunk + " bytes before its chunk");
        }
        chunkDigest.update(buffer, offset, n);
        remainingInChunk -= n;
        if (remainingInChunk == 0) {
            verifyChunk();
        }
        return n;
    }

    private void startChunk() throws IOException {
        String header = readLine();
        if (header == null) {
            throw rejected(
                    S3ErrorCode.INCOMPLETE_BODY,
                    "the aws-chunked body ended without its final 0-size chunk");
        }
        String[] parts = header.split(";");
        long size = parseSize(parts[0]);
        chunkSignature = null;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith(SIGNATURE_EXTENSION)) {
                chunkSignature = parts[i].substring(SIGNATURE_EXTENSION.length());
            }
        }
        if (signatures != null && chunkSignature == null) {
            throw rejected(
                    S3ErrorCode.INVALID_REQUEST,
                    "malformed aws-chunked body: chunk header '"
                            + header
                            + "' has no chunk-signature");
        }
        chunkDigest.reset();
        if (size == 0) {
            verifyChunk();
            readTrailers();
            finished = true;
        } else {
            remainingInChunk = size;
            inData = true;
        }
    }

    private static long parseSize(String hex) throws PayloadRejectedException {
        if (hex.isEmpty() || hex.length() > 15) {
            throw rejected(
                    S3ErrorCode.INVALID_REQUEST,
                    "malformed aws-chunked body: chunk size '"
                            + hex
                            + "' is not 1 to 15 hex digits");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw rejected(
                        S3ErrorCode.INVALID_REQUEST,
                        "malformed aws-chunked body: chunk size '" + hex + "' is not hex");
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private void verifyChunk() throws PayloadRejectedException {
        if (signatures != null && !signatures.acceptChunk(chunkDigest.digest(), chunkSignature)) {
            throw rejected(
                    S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                    "The chunk signature "
                            + chunkSignature
                            + " does not match the chunk's bytes and the signatures before it.");
        }
    }

    /**
     * Reads what follows the final chunk: an optional empty line, the trailing headers and the
     * empty line that ends them (or the end of the body).
     */
    private void readTrailers() throws IOException {
        String trailerSignature = null;
        boolean skippedBlank = false;
        String line;
        while ((line = readLine()) != null) {
            if (line.isEmpty()) {
                if (trailers.isEmpty() && trailerSignature == null && !skippedBlank) {
                    skippedBlank = true;
                    continue;
                }
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw rejected(
                        S3ErrorCode.INVALID_REQUEST,
                        "malformed aws-chunked body: trailer '" + line + "' is not name:value");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals(TRAILER_SIGNATURE)) {
                trailerSignature = value;
            } else if (!declaredTrailers.contains(name)) {
                throw rejected(
                        S3ErrorCode.INVALID_REQUEST,
                        "the trailer '" + name + "' was not declared in x-amz-trailer");
            } else {
                trailers.put(name, value);
            }
        }
        for (String declared : declaredTrailers) {
            if (!trailers.containsKey(declared)) {
                throw rejected(
                        S3ErrorCode.INCOMPLETE_BODY,
                        "the trailer '" + declared + "' declared in x-amz-trailer never came");
            }
        }
        if (signatures != null && !declaredTrailers.isEmpty()) {
            verifyTrailerSignature(trailerSignature);
        }
    }

    private void verifyTrailerSignature(String claimed) throws PayloadRejectedException {
        if (claimed == null) {
            throw rejected(
                    S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                    "The signed trailer has no x-amz-trailer-signature.");
        }
        StringBuilder canonical = new StringBuilder();
        trailers.forEach(
                (name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        if (!signatures.acceptTrailer(canonical.toString(), claimed)) {
            throw rejected(
                    S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                    "The trailer signature " + claimed + " does not match the trailers.");
        }
    }

    private void expectLineEnd() throws IOException {
        String rest = readLine();
        if (rest == null || !rest.isEmpty()) {
            throw rejected(
                    S3ErrorCode.INVALID_REQUEST,
                    "malformed aws-chunked body: a chunk's data is not followed by CRLF");
        }
    }

    /** The next CRLF-terminated line without its CRLF, or {@code null} at the end of the body. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
                    throw rejected(
                            S3ErrorCode.INVALID_REQUEST,
                            "malformed aws-chunked body: a line ends in LF without CR");
                }
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
            }
            if (line.size() == MAX_LINE) {
                throw rejected(
                        S3ErrorCode.INVALID_REQUEST,
                        "malformed aws-chunked body: a line is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw rejected(S3ErrorCode.INCOMPLETE_BODY, "the aws-chunked body ended inside a line");
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static PayloadRejectedException rejected(S3ErrorCode code, String message) {
        return new PayloadRejectedException(new S3Exception(code, message));
    }
}
