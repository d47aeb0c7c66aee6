package io.cere.stack.launcher.storage;

import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.auth.CredentialsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Random;

/**
 * The S3 access key of the local storage cluster, in the file every node reads its keys from
 * ({@link CredentialsFile}'s format). Made once, with a random id and secret, readable by its owner
 * only; kept across restarts so that configured S3 clients keep working.
 */
public final class S3KeyFile {

    /** The file's name in the storage directory. */
    public static final String NAME = "s3-credentials";

    private static final String ID_PREFIX = "CERE";
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private S3KeyFile() {}

    /** The key in {@code file}, made and written first if the file does not exist. */
    public static AccessKey ensure(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        AccessKey key = generate(new SecureRandom());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial =
                Files.createTempFile(
                        dir,
                        "." + NAME,
                        ".partial",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, render(key), StandardCharsets.UTF_8);
            Files.move(partial, file);
        } catch (FileAlreadyExistsException e) {
            return read(file); // another launcher made it meanwhile: use theirs
        } finally {
            Files.deleteIfExists(partial);
        }
        return key;
    }

    /**
     * The first key in {@code file}.
     *
     * @throws IOException naming the file when it is missing or not a credentials file
     */
    public static AccessKey read(Path file) throws IOException {
        try {
            return CredentialsFile.load(file).keys().get(0);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** A key like AWS's: a 20-character id, a 40-character secret. */
    static AccessKey generate(Random random) {
        return new AccessKey(
                ID_PREFIX + pick(random, ID_ALPHABET, 16), pick(random, SECRET_ALPHABET, 40));
    }

    static String render(AccessKey key) {
        return "# S3 access key of the local storage cluster, made by `bin/cere local`:\n"
                + "# \"<access key id> <secret access key>\". Every node accepts the keys listed here.\n"
                + key.id()
                + " "
                + key.secret()
                + "\n";
    }

    private static String pick(Random random, String alphabet, int count) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
