package io.cere.stack.storage.s3.auth;

/**
 * The {@code Credential=} part of a signature: {@code <access key
 * id>/<date>/<region>/<service>/aws4_request}.
 */
public record SignedCredential(String accessKeyId, CredentialScope scope) {

    /** Or {@code null} when the text does not have that form. */
    static SignedCredential parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 5
                || !parts[4].equals(CredentialScope.TERMINATOR)
                || parts[0].isEmpty()
                || !parts[1].matches("\\d{8}")
                || parts[2].isEmpty()
                || parts[3].isEmpty()) {
            return null;
        }
        return new SignedCredential(parts[0], new CredentialScope(parts[1], parts[2], parts[3]));
    }
}
