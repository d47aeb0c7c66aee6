package io.cere.stack.storage.s3.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads access keys from a text file, UTF-8, one key a line:
 *
 * <pre>
 * # S3 access keys of this node: "&lt;access key id&gt; &lt;secret access key&gt;"
 * cere-admin   Zm9vYmFyYmF6cXV4cXV1eGNvcmdl
 * backup-job   c2VjcmV0LWZvci1iYWNrdXBz
 * </pre>
 *
 * <p>The id and the secret are separated by spaces or tabs. Blank lines and lines whose first
 * non-blank character is {@code #} are ignored. Ids must be unique. Any other line is an error that
 * names the file and the line number (never the secret).
 */
public final class CredentialsFile {

    private CredentialsFile() {}

    public static Credentials load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * @param source what to call the text in errors, usually the file's path
     * @throws IllegalArgumentException naming the source and line of the first bad line
     */
    public static Credentials parse(String text, String source) {
        List<AccessKey> keys = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("[ \t]+");
            if (fields.length != 2) {
                throw new IllegalArgumentException(
                        source
                                + " line "
                                + lineNumber
                                + ": expected '<access key id> <secret access key>', found "
                                + fields.length
                                + (fields.length == 1 ? " field" : " fields"));
            }
            AccessKey key;
            try {
                key = new AccessKey(fields[0], fields[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        source + " line " + lineNumber + ": " + e.getMessage(), e);
            }
            Integer earlier = lineOfId.putIfAbsent(key.id(), lineNumber);
            if (earlier != null) {
                throw new IllegalArgumentException(
                        source
                                + " line "
                                + lineNumber
                                + ": access key id '"
                                + key.id()
                                + "' is already defined on line "
                                + earlier);
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(
                    source + ": no access keys; add a line '<access key id> <secret access key>'");
        }
        return Credentials.of(keys);
    }
}
