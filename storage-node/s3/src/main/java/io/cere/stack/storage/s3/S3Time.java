package io.cere.stack.storage.s3;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The two ways S3 writes a time: ISO 8601 with milliseconds in XML, HTTP's IMF-fixdate (RFC 9110
 * 5.6.7) in headers.
 */
public final class S3Time {

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    /**
     * Not the JDK's {@code RFC_1123_DATE_TIME}, which writes day 6 as "6": HTTP dates have two
     * digits ("06"), and clients that parse them strictly, such as MinIO's, refuse one.
     */
    private static final DateTimeFormatter HTTP =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                    .withZone(ZoneOffset.UTC);

    private S3Time() {}

    public static String iso(long epochMillis) {
        return ISO.format(Instant.ofEpochMilli(epochMillis));
    }

    /** As in {@code Last-Modified}: {@code Sun, 06 Dec 2026 22:49:27 GMT}. */
    public static String http(long epochMillis) {
        return HTTP.format(Instant.ofEpochMilli(epochMillis));
    }
}
