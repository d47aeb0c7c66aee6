package io.cere.stack.storage.s3;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The two ways S3 writes a time: ISO 8601 with milliseconds in XML, RFC 1123 in headers. */
public final class S3Time {

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP =
            DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private S3Time() {}

    public static String iso(long epochMillis) {
        return ISO.format(Instant.ofEpochMilli(epochMillis));
    }

    /** As in {@code Last-Modified}: whole seconds, GMT. */
    public static String http(long epochMillis) {
        return HTTP.format(Instant.ofEpochMilli(epochMillis));
    }
}
