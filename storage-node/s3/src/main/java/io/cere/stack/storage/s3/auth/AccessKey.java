package io.cere.stack.storage.s3.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An S3 access key: the id a client names in its signature and the secret both sides sign with.
 *
 * @param id 3 to 128 characters of {@code A-Z a-z 0-9 . _ -}
 * @param secret 8 to 256 printable ASCII characters, no spaces
 */
public record AccessKey(String id, String secret) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{3,128}");
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]{8,256}");

    public AccessKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "access key id '" + id + "' must be 3 to 128 characters of A-Z a-z 0-9 . _ -");
        }
        if (!SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException(
                    "secret of access key '"
                            + id
                            + "' must be 8 to 256 printable ASCII characters without spaces, was "
                            + secret.length()
                            + " characters");
        }
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "AccessKey[id=" + id + ", secret=***]";
    }
}
