package io.cere.stack.storage.s3.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a SigV4 signature covers of an HTTP request.
 *
 * @param rawPath the path as the client sent it, still escaped
 * @param query the decoded query parameters, in order
 * @param headers header values by lower-case name
 */
public record SignableRequest(
        String method,
        String rawPath,
        List<QueryParameter> query,
        Map<String, List<String>> headers) {

    public SignableRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        query = List.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, by lower-case name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The value of the first query parameter with this (case-sensitive) name. */
    public Optional<String> queryValue(String name) {
        for (QueryParameter parameter : query) {
            if (parameter.name().equals(name)) {
                return Optional.of(parameter.value());
            }
        }
        return Optional.empty();
    }

    public boolean hasQuery(String name) {
        return queryValue(name).isPresent();
    }
}
