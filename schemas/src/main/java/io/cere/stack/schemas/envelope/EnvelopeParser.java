package io.cere.stack.schemas.envelope;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Reads signed event envelopes (the {@code events.raw} value) and checks every field rule.
 *
 * <p>JSON is read strictly: duplicate member names anywhere and trailing content are errors, as are
 * comments, NaN and other non-standard syntax. Thread-safe and meant to be shared: it holds one
 * configured {@link ObjectMapper} and no other state.
 */
public final class EnvelopeParser {

    private final ObjectMapper mapper =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    /**
     * Parses and validates UTF-8 envelope JSON.
     *
     * @throws EnvelopeException {@code MALFORMED} with field {@code $} if the bytes are not one
     *     JSON value (the message names line and column), {@code MALFORMED} with one error per
     *     broken field rule, or {@code UNSUPPORTED_VERSION}
     */
    public EventEnvelope parse(byte[] utf8Json) throws EnvelopeException {
        Objects.requireNonNull(utf8Json, "utf8Json");
        JsonNode node;
        try {
            node = mapper.readTree(utf8Json);
        } catch (JsonProcessingException e) {
            throw new EnvelopeException(
                    EnvelopeException.Reason.MALFORMED,
                    List.of(new EnvelopeError("$", "expected JSON, got " + describe(e))),
                    e);
        } catch (IOException e) {
            // A byte array cannot fail to read; anything else is a broken Jackson installation.
            throw new IllegalStateException("reading JSON from a byte array failed", e);
        }
        return accept(node);
    }

    /**
     * Validates an already parsed tree. The envelope keeps a copy, so later changes to {@code node}
     * do not reach it.
     *
     * @throws EnvelopeException as {@link #parse(byte[])}; {@code MALFORMED} with field {@code $}
     *     if {@code node} is not an object
     */
    public EventEnvelope parse(JsonNode node) throws EnvelopeException {
        return accept(node == null ? null : node.deepCopy());
    }

    /** Every broken rule of {@code node}; empty if it is a valid envelope. */
    public List<EnvelopeError> validate(JsonNode node) {
        return EnvelopeValidation.of(node).errors();
    }

    /** Reads one JSON value with this parser's strict settings, without envelope rules. */
    public JsonNode readTree(byte[] utf8Json) throws IOException {
        return mapper.readTree(utf8Json);
    }

    /**
     * The mapper behind this parser, for writing envelopes or reading related JSON with the same
     * settings. Shared: do not reconfigure it (use {@code mapper().copy()} for that).
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    private static EventEnvelope accept(JsonNode node) throws EnvelopeException {
        EnvelopeValidation validation = EnvelopeValidation.of(node);
        if (validation.unsupportedVersion()) {
            throw new EnvelopeException(
                    EnvelopeException.Reason.UNSUPPORTED_VERSION, validation.errors());
        }
        if (!validation.errors().isEmpty()) {
            throw new EnvelopeException(EnvelopeException.Reason.MALFORMED, validation.errors());
        }
        return validation.toEnvelope((ObjectNode) node);
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String message = e.getOriginalMessage();
        if (location == null) {
            return message;
        }
        return message + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
