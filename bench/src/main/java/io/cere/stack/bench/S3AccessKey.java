package io.cere.stack.bench;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The one S3 access key a storage benchmark run gives every server it measures, so that each
 * request is signed and checked the same way on all of them.
 */
record S3AccessKey(String id, String secret) {

    S3AccessKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
    }

    /** A fresh key for one run; nothing but the servers of this run ever learns it. */
    static S3AccessKey random(String id) {
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        return new S3AccessKey(id, HexFormat.of().formatHex(secret));
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "S3AccessKey[id=" + id + ", secret=***]";
    }
}
