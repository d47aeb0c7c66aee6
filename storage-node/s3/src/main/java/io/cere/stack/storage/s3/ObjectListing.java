package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.catalog.ListedObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One page of a bucket listing: the keys under a prefix in key order, with keys that hold the
 * delimiter after the prefix rolled up into common prefixes, at most {@code maxKeys} entries (keys
 * and common prefixes together) after a cursor.
 *
 * <p>The cursor is the last key or common prefix returned. After a common prefix it is the prefix
 * followed by U+10FFFF, which sorts after every key under that prefix, so the next scan skips the
 * whole rolled-up range in one step instead of walking it; keys that still start with the prefix
 * are skipped. Continuation tokens are the cursor in base64url.
 */
final class ObjectListing {

    /** Sorts after every character a key can hold. */
    static final String PAST_PREFIX = new String(Character.toChars(Character.MAX_CODE_POINT));

    private static final int SCAN = 1000;

    /** Reads objects of one bucket in key order, as {@code MetadataIndex.list} does. */
    @FunctionalInterface
    interface Source {
        List<ListedObject> scan(String prefix, String startAfter, int limit) throws IOException;
    }

    /**
     * @param nextCursor where the next page starts; {@code null} when not truncated
     */
    record Page(
            List<ListedObject> contents,
            List<String> commonPrefixes,
            boolean truncated,
            String nextCursor) {}

    private ObjectListing() {}

    /**
     * @param cursor list what sorts after this ({@code ""} for from the start)
     * @param delimiter {@code ""} for none
     */
    static Page list(Source source, String prefix, String delimiter, String cursor, int maxKeys)
            throws IOException {
        List<ListedObject> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (maxKeys == 0) {
            return new Page(contents, prefixes, false, null);
        }
        String position = cursor;
        String last = null;
        int scan = Math.max(2, Math.min(SCAN, maxKeys + 1));
        while (true) {
            String skipped =
                    position.endsWith(PAST_PREFIX)
                            ? position.substring(0, position.length() - PAST_PREFIX.length())
                            : null;
            List<ListedObject> batch = source.scan(prefix, position, scan);
            boolean jumped = false;
            for (ListedObject object : batch) {
                String key = object.key();
                position = key;
                if (skipped != null && key.startsWith(skipped)) {
                    continue;
                }
                String commonPrefix = commonPrefix(key, prefix, delimiter);
                if (contents.size() + prefixes.size() == maxKeys) {
                    return new Page(contents, prefixes, true, last);
                }
                if (commonPrefix != null) {
                    prefixes.add(commonPrefix);
                    last = commonPrefix + PAST_PREFIX;
                    position = last;
                    jumped = true;
                    break;
                }
                contents.add(object);
                last = key;
            }
            if (!jumped && batch.size() < scan) {
                return new Page(contents, prefixes, false, null);
            }
        }
    }

    /** The common prefix {@code key} rolls up into, or {@code null} when it is listed itself. */
    static String commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter.isEmpty()) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    static String token(String cursor) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws S3Exception InvalidArgument when the token is not one this API issued
     */
    static String cursor(String token) throws S3Exception {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception(
                    "The continuation token provided is incorrect: '" + token + "'");
        }
    }
}
