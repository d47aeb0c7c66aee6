package io.cere.stack.storage.node.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret every node of a cluster shares (the {@code --cluster-secret} file): each node sends it
 * with every request to a peer's {@code /internal/} API and refuses requests there that do not
 * carry it, so a client that can reach a node's port cannot write shards, manifests or metadata
 * records around the S3 API's own authentication.
 *
 * <p>The file holds one line of at least {@value #MIN_LENGTH} printable ASCII characters without
 * spaces (64 hex characters of 32 random bytes, say); a trailing line break is ignored. The secret
 * itself is never printed: {@link #toString()} names the file.
 */
public final class ClusterSecret {

    /** The shortest secret accepted: 32 characters, 128 bits or more of a random hex string. */
    public static final int MIN_LENGTH = 32;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSecret.class);

    private static final Set<PosixFilePermission> SHARED =
            EnumSet.of(
                    PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_WRITE);

    private final byte[] value;
    private final String source;

    private ClusterSecret(byte[] value, String source) {
        this.value = value;
        this.source = source;
    }

    /**
     * Reads the secret from {@code file}, warning when group or others may read it.
     *
     * @throws ClusterConfigException naming the file when it is missing, unreadable, empty, too
     *     short or not one line of printable characters
     */
    public static ClusterSecret load(Path file) {
        Path absolute = file.toAbsolutePath();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ClusterConfigException("cluster secret file " + absolute + " does not exist");
        } catch (AccessDeniedException e) {
            throw new ClusterConfigException(
                    "cluster secret file " + absolute + " is not readable by this user");
        } catch (IOException e) {
            throw new ClusterConfigException(
                    "cannot read cluster secret file " + absolute + ": " + e, e);
        }
        ClusterSecret secret = parse(text, "cluster secret file " + absolute);
        warnIfShared(absolute);
        return secret;
    }

    /**
     * @param source what the text is, named in every error: {@code "cluster secret file s.txt"}
     * @throws ClusterConfigException naming {@code source} and the problem, never the text
     */
    public static ClusterSecret parse(String text, String source) {
        String line = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text;
        line = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        if (line.isEmpty()) {
            throw new ClusterConfigException(
                    source
                            + " is empty; expected one line of at least "
                            + MIN_LENGTH
                            + " characters");
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new ClusterConfigException(
                        String.format(
                                "%s has %s at character %d; expected one line of printable ASCII"
                                        + " without spaces",
                                source, describe(c), i + 1));
            }
        }
        if (line.length() < MIN_LENGTH) {
            throw new ClusterConfigException(
                    String.format(
                            "%s holds %d characters; expected at least %d (64 hex characters of 32"
                                    + " random bytes, for instance)",
                            source, line.length(), MIN_LENGTH));
        }
        return new ClusterSecret(line.getBytes(StandardCharsets.US_ASCII), source);
    }

    /** The value of the {@code Authorization} header a node sends to its peers. */
    public String authorization() {
        return "Bearer " + new String(value, StandardCharsets.US_ASCII);
    }

    /**
     * Whether {@code token} is this secret. Takes as long whatever the token's content, so a caller
     * cannot learn the secret one character at a time from the answer's timing.
     */
    public boolean matches(String token) {
        Objects.requireNonNull(token, "token");
        return MessageDigest.isEqual(value, token.getBytes(StandardCharsets.UTF_8));
    }

    private static void warnIfShared(Path file) {
        Set<PosixFilePermission> shared = sharedPermissions(file);
        if (!shared.isEmpty()) {
            LOG.warn(
                    "Cluster secret file {} is accessible to group or others ({}); restrict it"
                            + " to the node's user: chmod 600 {}",
                    file,
                    shared,
                    file);
        }
    }

    /**
     * The permissions of {@code file} that let group or others read or change it; empty where the
     * file system has no POSIX permissions.
     */
    static Set<PosixFilePermission> sharedPermissions(Path file) {
        Set<PosixFilePermission> shared = EnumSet.copyOf(SHARED);
        try {
            shared.retainAll(Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException | IOException e) {
            return Set.of();
        }
        return shared;
    }

    private static String describe(char c) {
        return switch (c) {
            case '\n', '\r' -> "a second line";
            case ' ', '\t' -> "a space";
            default -> String.format("character U+%04X", (int) c);
        };
    }

    @Override
    public String toString() {
        return "the secret in " + source;
    }
}
