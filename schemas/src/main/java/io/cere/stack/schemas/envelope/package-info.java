/**
 * The signed JSON event envelope: what clients send and the {@code events.raw} topic holds.
 *
 * <p>An envelope is a JSON object with {@code id}, {@code appId}, {@code accountId} (the signer's
 * Ed25519 public key in hex), {@code type}, {@code timestamp}, {@code payload} and {@code
 * signature}; a batch envelope has {@code "_batchMode": true} and {@code events} instead of {@code
 * type} and {@code payload}. The signature is Ed25519 ({@link
 * io.cere.stack.schemas.envelope.Ed25519}) over the RFC 8785 canonical JSON ({@link
 * io.cere.stack.schemas.envelope.CanonicalJson}) of the envelope without its {@code signature}, so
 * that any client using npm {@code canonicalize} and a standard Ed25519 library interoperates.
 *
 * <p>{@link io.cere.stack.schemas.envelope.EnvelopeParser} reads and validates envelopes, {@link
 * io.cere.stack.schemas.envelope.EnvelopeSigner} produces them.
 */
package io.cere.stack.schemas.envelope;
