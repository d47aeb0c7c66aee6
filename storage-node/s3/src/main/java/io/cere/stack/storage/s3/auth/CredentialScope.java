package io.cere.stack.storage.s3.auth;

/**
 * The scope a SigV4 signature is valid for: a day, a region and a service. Written {@code
 * 20130524/us-east-1/s3/aws4_request}.
 */
public record CredentialScope(String date, String region, String service) {

    static final String TERMINATOR = "aws4_request";

    @Override
    public String toString() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }
}
