package io.cere.stack.storage.s3.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * SigV4's canonical form of a request, the text whose hash a signature covers:
 *
 * <pre>
 * METHOD \n canonical URI \n canonical query \n canonical headers \n signed headers \n payload hash
 * </pre>
 *
 * S3 signs the URI as given (each path byte URI-encoded once, no dot-segment normalisation).
 */
public final class CanonicalRequest {

    private CanonicalRequest() {}

    /**
     * @param canonicalUri the encoded path
     * @param query decoded parameters; those {@code excluded} tests true for are left out (the
     *     signature itself in a presigned URL)
     * @param headers values by lower-case name
     * @param signedHeaders lower-case names, in the order the client listed them
     */
    public static String text(
            String method,
            String canonicalUri,
            List<QueryParameter> query,
            Predicate<String> excluded,
            Map<String, List<String>> headers,
            List<String> signedHeaders,
            String payloadHash) {
        StringBuilder text = new StringBuilder(256);
        text.append(method).append('\n');
        text.append(canonicalUri.isEmpty() ? "/" : canonicalUri).append('\n');
        text.append(canonicalQuery(query, excluded)).append('\n');
        for (String name : signedHeaders) {
            text.append(name).append(':').append(canonicalValue(headers.get(name))).append('\n');
        }
        text.append('\n');
        text.append(String.join(";", signedHeaders)).append('\n');
        text.append(payloadHash);
        return text.toString();
    }

    /** The string a signature is the HMAC of. */
    public static String stringToSign(
            String canonicalRequest, String timestamp, CredentialScope scope) {
        return "AWS4-HMAC-SHA256\n"
                + timestamp
                + '\n'
                + scope
                + '\n'
                + Hex.sha256Hex(canonicalRequest);
    }

    static String canonicalQuery(List<QueryParameter> query, Predicate<String> excluded) {
        List<String[]> encoded = new ArrayList<>(query.size());
        for (QueryParameter parameter : query) {
            if (!excluded.test(parameter.name())) {
                encoded.add(
                        new String[] {
                            AwsUriEncoding.encode(parameter.name(), false),
                            AwsUriEncoding.encode(parameter.value(), false)
                        });
            }
        }
        encoded.sort(
                Comparator.<String[], String>comparing(pair -> pair[0])
                        .thenComparing(pair -> pair[1]));
        StringBuilder text = new StringBuilder();
        for (String[] pair : encoded) {
            if (text.length() > 0) {
                text.append('&');
            }
            text.append(pair[0]).append('=').append(pair[1]);
        }
        return text.toString();
    }

    /** Values trimmed, inner runs of spaces collapsed to one, several values joined by commas. */
    static String canonicalValue(List<String> values) {
        if (values == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String value : values) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(value.strip().replaceAll("\\s+", " "));
        }
        return text.toString();
    }
}
