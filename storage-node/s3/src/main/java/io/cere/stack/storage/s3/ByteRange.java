package io.cere.stack.storage.s3;

import java.util.Optional;

/**
 * The one byte range a {@code Range: bytes=...} header asks for, resolved against an object's size.
 * A header that is not a single well-formed byte range is ignored and the whole object is sent (as
 * HTTP allows and S3 does); a well-formed range that starts past the end is unsatisfiable.
 *
 * @param first the first byte, inclusive
 * @param last the last byte, inclusive
 */
record ByteRange(long first, long last) {

    private static final String UNIT = "bytes=";

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * @return the range, or empty for the whole object
     * @throws S3Exception InvalidRange when the range lies outside an object of {@code size} bytes
     */
    static Optional<ByteRange> parse(String header, long size) throws S3Exception {
        if (header == null || !header.startsWith(UNIT) || header.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = header.substring(UNIT.length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        try {
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
            if (first < 0 || last < first) {
                return Optional.empty();
            }
            if (first >= size) {
                throw unsatisfiable(header, size);
            }
            return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static S3Exception unsatisfiable(String header, long size) {
        return S3ErrorCode.INVALID_RANGE.exception(
                "The requested range '"
                        + header
                        + "' is not satisfiable for an object of "
                        + size
                        + " bytes.");
    }
}
