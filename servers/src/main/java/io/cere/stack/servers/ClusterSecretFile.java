package io.cere.stack.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The storage cluster's secret file (a node's {@code --cluster-secret}): one line of 64 hex
 * characters from 32 {@link SecureRandom} bytes, readable by its owner only where the file system
 * has POSIX permissions. Created once and kept, so nodes restarted on their data keep talking to
 * each other.
 */
public final class ClusterSecretFile {

    private static final int RANDOM_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterSecretFile() {}

    /**
     * Writes a new secret to {@code file} unless it exists; returns {@code file}. The secret is
     * written to a temporary file of mode 600 and moved into place, so no reader sees it partial
     * and it is never readable by others, not even for a moment.
     */
    public static Path createIfAbsent(Path file) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "." + file.getFileName(), ".partial");
        try {
            if (Files.getFileStore(partial).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(partial, OWNER_ONLY);
            }
            byte[] secret = new byte[RANDOM_BYTES];
            RANDOM.nextBytes(secret);
            Files.writeString(
                    partial, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
            try {
                // A rename within the directory; never over an existing secret.
                Files.move(partial, file);
            } catch (FileAlreadyExistsException e) {
                // Created meanwhile by another start: that one is kept.
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return file;
    }

    /**
     * The secret in {@code file}, without its line break: what a caller sends as its bearer token.
     */
    public static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }
}
