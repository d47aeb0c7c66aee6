package io.cere.stack.storage.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a secret derives for one {@link CredentialScope}: {@code HMAC(HMAC(HMAC(HMAC("AWS4" +
 * secret, date), region), service), "aws4_request")}. Signatures are HMAC-SHA256 of a string to
 * sign under it, in lower-case hex.
 */
public final class SigningKey {

    private final byte[] key;
    private final CredentialScope scope;

    private SigningKey(byte[] key, CredentialScope scope) {
        this.key = key;
        this.scope = scope;
    }

    public static SigningKey derive(String secretAccessKey, CredentialScope scope) {
        byte[] key = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        key = hmac(key, scope.date());
        key = hmac(key, scope.region());
        key = hmac(key, scope.service());
        key = hmac(key, CredentialScope.TERMINATOR);
        return new SigningKey(key, scope);
    }

    public CredentialScope scope() {
        return scope;
    }

    /** The hex signature of {@code stringToSign}. */
    public String sign(String stringToSign) {
        return Hex.encode(hmac(key, stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK provides HmacSHA256", e);
        }
    }
}
