package io.cere.stack.schemas.envelope;

import java.util.List;
import java.util.stream.Collectors;

/** An envelope that cannot be accepted, with every rule it breaks. */
public final class EnvelopeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an envelope was rejected. */
    public enum Reason {
        /** Not JSON, not an object, duplicate member names, or a field breaks its rule. */
        MALFORMED,
        /** A {@code version} other than 1: a format this code does not know how to read. */
        UNSUPPORTED_VERSION
    }

    private final Reason reason;
    private final List<EnvelopeError> errors;

    public EnvelopeException(Reason reason, List<EnvelopeError> errors) {
        this(reason, errors, null);
    }

    public EnvelopeException(Reason reason, List<EnvelopeError> errors, Throwable cause) {
        super(join(errors), cause);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("expected at least one error for " + reason);
        }
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    public Reason reason() {
        return reason;
    }

    /** The broken rules, in document order; never empty. */
    public List<EnvelopeError> errors() {
        return errors;
    }

    private static String join(List<EnvelopeError> errors) {
        return errors.stream().map(EnvelopeError::toString).collect(Collectors.joining("; "));
    }
}
