/**
 * Content addressing: the formats that make a stored blob verifiable by anyone, byte-compatible
 * with IPFS.
 *
 * <p>A {@link io.cere.stack.storage.cas.Cid} (version 1) names content by its {@link
 * io.cere.stack.storage.cas.Multicodec codec} and the {@link io.cere.stack.storage.cas.Multihash
 * multihash} of its bytes; its text form is {@link io.cere.stack.storage.cas.Multibase base32}
 * ({@code b...}), its binary form a sequence of {@link io.cere.stack.storage.cas.Varint varints}
 * and the digest. Blobs are {@code raw} with SHA2-256 by default, which is the CID {@code ipfs add
 * --cid-version=1 --raw-leaves} gives a single-chunk file; {@link
 * io.cere.stack.storage.cas.HashAlgorithm#BLAKE3} is the alternative. Structured blocks such as
 * manifests are {@link io.cere.stack.storage.cas.DagCbor DAG-CBOR}, whose links are CIDs.
 *
 * <p>A {@link io.cere.stack.storage.cas.CidHasher} computes a CID over a stream; {@link
 * io.cere.stack.storage.cas.Cid#verifies(byte[])} checks bytes against one before they are served.
 * Parsing is strict everywhere: each CID and each document has exactly one accepted encoding, and
 * errors name what is wrong and where.
 */
package io.cere.stack.storage.cas;
