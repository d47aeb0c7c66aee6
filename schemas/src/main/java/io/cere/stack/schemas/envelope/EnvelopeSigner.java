package io.cere.stack.schemas.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Signs envelopes the way clients do: Ed25519 over the RFC 8785 canonical JSON of the envelope
 * without its {@code signature} member. Used by tests, load generators and server-side producers.
 */
public final class EnvelopeSigner {

    /** The one member the signature does not cover. */
    public static final String SIGNATURE = "signature";

    private EnvelopeSigner() {}

    /**
     * A copy of {@code envelopeWithoutSignature} with {@code signature} set to the lower-case hex
     * signature by {@code privateKey}. Nothing else is set or checked: the caller fills id, appId,
     * accountId (the matching public key), timestamp and the rest. A {@code signature} member
     * already present is replaced.
     *
     * @throws IllegalArgumentException if the key is not 32 bytes or the envelope is not I-JSON
     */
    public static ObjectNode sign(ObjectNode envelopeWithoutSignature, byte[] privateKey) {
        byte[] signature = Ed25519.sign(privateKey, signingInput(envelopeWithoutSignature));
        ObjectNode signed = envelopeWithoutSignature.deepCopy();
        signed.put(SIGNATURE, Hex.encode(signature));
        return signed;
    }

    /**
     * The bytes a signature covers: the canonical JSON of {@code envelope} minus {@code signature}.
     */
    public static byte[] signingInput(ObjectNode envelope) {
        return CanonicalJson.canonicalBytesWithout(envelope, SIGNATURE);
    }
}
