package io.cere.stack.schemas.envelope;

/** The formats of individual envelope fields, and how error messages describe them. */
final class FieldRules {

    static final int MAX_TYPE_LENGTH = 128;
    private static final int MAX_APP_ID_LENGTH = 128;

    static final String UUID = "a UUID string (8-4-4-4-12 hex digits)";
    static final String APP_ID = "a string matching [A-Za-z0-9][A-Za-z0-9._-]{0,127}";
    static final String ACCOUNT_ID = "64 hex characters (an Ed25519 public key)";
    static final String SIGNATURE = "128 hex characters (an Ed25519 signature)";
    static final String TYPE =
            "a string of 1 to "
                    + MAX_TYPE_LENGTH
                    + " characters without control characters or unpaired surrogates";
    static final String TIMESTAMP =
            "an RFC 3339 date-time with offset such as 2026-11-21T07:00:00Z or"
                    + " 2026-11-21T07:00:00.123+01:00";
    static final String PAYLOAD = "a JSON object";

    private FieldRules() {}

    static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-' : isHexDigit(c);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isAppId(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_APP_ID_LENGTH || !isAsciiAlphanumeric(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = text.charAt(i);
            if (!isAsciiAlphanumeric(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    static boolean isEventType(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_TYPE_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return false;
            }
        }
        return IJson.unpairedSurrogate(text) < 0;
    }

    static boolean isAccountId(String text) {
        return Hex.isHex(text, 2 * Ed25519.PUBLIC_KEY_BYTES);
    }

    static boolean isSignature(String text) {
        return Hex.isHex(text, 2 * Ed25519.SIGNATURE_BYTES);
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
