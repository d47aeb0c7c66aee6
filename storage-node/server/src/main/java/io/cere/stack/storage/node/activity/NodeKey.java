package io.cere.stack.storage.node.activity;

import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.schemas.envelope.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The node's Ed25519 key, which signs its activity records: the 32-byte private key as hex in
 * {@code node.key} in the data directory, created (mode 600) on the node's first start and kept for
 * its life, so the records of one node can always be checked against one public key.
 */
public final class NodeKey {

    static final String FILE = "node.key";

    private NodeKey() {}

    public static Ed25519.KeyPair loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            byte[] privateKey;
            try {
                privateKey = Hex.decode(hex);
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        file + " is not a hex Ed25519 private key: " + e.getMessage());
            }
            if (privateKey.length != Ed25519.PRIVATE_KEY_BYTES) {
                throw new IOException(
                        file
                                + " holds "
                                + privateKey.length
                                + " bytes; an Ed25519 private key is "
                                + Ed25519.PRIVATE_KEY_BYTES);
            }
            return new Ed25519.KeyPair(privateKey, Ed25519.publicKeyOf(privateKey));
        }
        Ed25519.KeyPair keys = Ed25519.generate(new SecureRandom());
        Path temporary = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(
                temporary,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, Hex.encode(keys.privateKey()) + "\n");
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return keys;
    }
}
