package io.cere.stack.storage.node.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range: bytes=...} header (RFC 9110 section 14), resolved against the
 * size of what is asked for: {@code bytes=10-19}, {@code bytes=10-} (to the end) and {@code
 * bytes=-5} (the last 5 bytes).
 */
record ByteRange(long offset, long length) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** Thrown for a range that does not overlap the content: answered 416. */
    static final class UnsatisfiableRangeException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsatisfiableRangeException(String message) {
            super(message);
        }
    }

    /**
     * The range the header asks for; empty when there is no header or it is not a single byte range
     * (the whole content is then sent, as RFC 9110 allows).
     *
     * @throws UnsatisfiableRangeException when the range starts past the end
     */
    static Optional<ByteRange> parse(String header, long size) throws UnsatisfiableRangeException {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.trim());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                if (suffix == 0) {
                    throw new UnsatisfiableRangeException("range " + header + " asks for no bytes");
                }
                long length = Math.min(suffix, size);
                return Optional.of(new ByteRange(size - length, length));
            }
            long first = Long.parseLong(matcher.group(1));
            if (first >= size) {
                throw new UnsatisfiableRangeException(
                        "range " + header + " starts at or after the end of " + size + " bytes");
            }
            long last = matcher.group(2).isEmpty() ? size - 1 : Long.parseLong(matcher.group(2));
            if (last < first) {
                return Optional.empty();
            }
            return Optional.of(new ByteRange(first, Math.min(last, size - 1) - first + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The {@code Content-Range} value. */
    String contentRange(long size) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    }
}
