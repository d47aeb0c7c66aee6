package io.cere.stack.schemas.envelope;

import java.io.Serializable;
import java.util.Objects;

/**
 * One rule an envelope breaks.
 *
 * @param field the path of the offending member, such as {@code accountId} or {@code
 *     events[3].timestamp}; {@code $} for the document as a whole
 * @param message what was expected and the value seen (truncated to 64 characters)
 */
public record EnvelopeError(String field, String message) implements Serializable {

    public EnvelopeError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
