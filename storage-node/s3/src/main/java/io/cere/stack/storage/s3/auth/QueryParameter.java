package io.cere.stack.storage.s3.auth;

import java.util.ArrayList;
import java.util.List;

/** One decoded {@code name=value} pair of a query string; {@code ?uploads} has the value "". */
public record QueryParameter(String name, String value) {

    /**
     * The pairs of a raw (still escaped) query string, in order.
     *
     * @throws IllegalArgumentException on an invalid escape
     */
    public static List<QueryParameter> parse(String rawQuery) {
        List<QueryParameter> parameters = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(
                    new QueryParameter(
                            AwsUriEncoding.decodeQuery(name), AwsUriEncoding.decodeQuery(value)));
        }
        return parameters;
    }
}
