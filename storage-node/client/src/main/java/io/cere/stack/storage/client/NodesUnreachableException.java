package io.cere.stack.storage.client;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;

/** No node of the client's list could be reached; the message says what happened with each. */
public final class NodesUnreachableException extends IOException {

    private static final long serialVersionUID = 1L;

    NodesUnreachableException(String request, Map<URI, IOException> failures) {
        super(
                "no storage node answered "
                        + request
                        + ": "
                        + failures.entrySet().stream()
                                .map(e -> e.getKey() + " (" + describe(e.getValue()) + ")")
                                .collect(Collectors.joining(", ")));
        failures.values().forEach(this::addSuppressed);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
