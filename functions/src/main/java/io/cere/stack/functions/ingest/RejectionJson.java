package io.cere.stack.functions.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The JSON written to {@code events.rejected}, meant for people:
 *
 * <pre>{@code
 * {"reason": "BAD_SIGNATURE", "message": "...", "eventId": "...", "receivedAt": "2026-...Z",
 *  "clientIp": "127.0.0.1", "source": {"topic": "events.raw", "partition": 0, "offset": 42},
 *  "original": "<the envelope as received>"}
 * }</pre>
 *
 * <p>The original is kept whole up to {@link #MAX_ORIGINAL_BYTES}; a larger one is cut there and
 * marked {@code "originalTruncated": true} with its size and SHA-256, so the record always fits a
 * Kafka message. Bytes that are not UTF-8 are carried as {@code "originalBase64"} instead.
 */
public final class RejectionJson {

    /** Keeps a rejected record (escaped, so up to ~6x) well below Kafka's 1 MiB default limit. */
    public static final int MAX_ORIGINAL_BYTES = 64 * 1024;

    private static final JsonFactory JSON = new JsonFactory();

    private RejectionJson() {}

    public static byte[] toJson(Rejection r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + lengthOf(r.original));
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("reason", r.reason.name());
            json.writeStringField("message", r.message);
            json.writeStringField("eventId", r.eventId);
            json.writeStringField("receivedAt", Instant.ofEpochMilli(r.receivedAt).toString());
            json.writeStringField("clientIp", r.clientIp);
            json.writeObjectFieldStart("source");
            json.writeStringField("topic", r.topic);
            json.writeNumberField("partition", r.partition);
            json.writeNumberField("offset", r.offset);
            json.writeEndObject();
            writeOriginal(json, r.original == null ? new byte[0] : r.original);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeOriginal(JsonGenerator json, byte[] original) throws IOException {
        byte[] kept = original;
        if (original.length > MAX_ORIGINAL_BYTES) {
            kept = Arrays.copyOf(original, MAX_ORIGINAL_BYTES);
            json.writeBooleanField("originalTruncated", true);
            json.writeNumberField("originalBytes", original.length);
            json.writeStringField("originalSha256", sha256(original));
        }
        String text = utf8OrNull(kept, kept != original);
        if (text != null) {
            json.writeStringField("original", text);
        } else {
            json.writeStringField("originalBase64", Base64.getEncoder().encodeToString(kept));
        }
    }

    /** Decodes strict UTF-8; a cut may split the last character, which is then dropped. */
    private static String utf8OrNull(byte[] bytes, boolean truncated) {
        var decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        int end = bytes.length;
        for (int cut = 0; cut < (truncated ? 4 : 1) && end - cut >= 0; cut++) {
            try {
                return decoder.decode(ByteBuffer.wrap(bytes, 0, end - cut)).toString();
            } catch (CharacterCodingException e) {
                decoder.reset();
            }
        }
        return null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static int lengthOf(byte[] b) {
        return b == null ? 0 : Math.min(b.length, MAX_ORIGINAL_BYTES) * 2;
    }
}
