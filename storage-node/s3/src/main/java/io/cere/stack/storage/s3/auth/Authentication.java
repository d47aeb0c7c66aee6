package io.cere.stack.storage.s3.auth;

/**
 * A request whose signature checked out.
 *
 * @param accessKeyId who signed it
 * @param payloadMode how its body is protected
 * @param payloadSha256 the hex SHA-256 the body must have, for {@link PayloadMode#SIGNED_HASH};
 *     otherwise {@code null}
 * @param chunkSignatures the chain the chunks must follow, for the signed streaming modes;
 *     otherwise {@code null}
 */
public record Authentication(
        String accessKeyId,
        PayloadMode payloadMode,
        String payloadSha256,
        ChunkSignatureChain chunkSignatures) {}
