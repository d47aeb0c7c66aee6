package io.cere.stack.schemas.envelope;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Strict RFC 3339 {@code date-time} parsing: {@code 2026-11-21T07:00:00Z}, {@code
 * 2026-11-21T07:00:00.123+01:00}.
 *
 * <p>Seconds and an offset are required; the fraction may have any number of digits (beyond
 * nanoseconds it is truncated); {@code T} and {@code Z} may be lower case (RFC 3339 section 5.6). A
 * leap second ({@code :60}) is read as {@code :59}, as {@code java.time} reads it, since an {@link
 * Instant} has no leap seconds. {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME} is more lenient
 * (optional seconds, offsets with seconds), so the grammar is checked here by hand.
 */
final class Rfc3339 {

    private Rfc3339() {}

    /**
     * The instant {@code text} denotes.
     *
     * @throws DateTimeException naming what is wrong if {@code text} is not an RFC 3339 date-time
     */
    static Instant parse(String text) {
        int length = text.length();
        if (length < 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || (text.charAt(10) != 'T' && text.charAt(10) != 't')
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            throw new DateTimeException("not of the form yyyy-MM-ddTHH:mm:ss");
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int position = 19;
        int nanos = 0;
        if (text.charAt(position) == '.') {
            int start = ++position;
            while (position < length && isDigit(text.charAt(position))) {
                if (position - start < 9) {
                    nanos = nanos * 10 + (text.charAt(position) - '0');
                }
                position++;
            }
            if (position == start) {
                throw new DateTimeException("no digits after the decimal point");
            }
            for (int i = position - start; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offsetSeconds(text, position);
        requireRange("hour", hour, 23);
        requireRange("minute", minute, 59);
        requireRange("second", second, 60);
        LocalDate date = LocalDate.of(year, month, day);
        long localSeconds =
                date.atTime(hour, minute, Math.min(second, 59)).toEpochSecond(ZoneOffset.UTC);
        // Not ZoneOffset: it stops at 18 hours, RFC 3339 allows up to 23:59.
        return Instant.ofEpochSecond(localSeconds - offsetSeconds, nanos);
    }

    private static int offsetSeconds(String text, int position) {
        int remaining = text.length() - position;
        char sign = position < text.length() ? text.charAt(position) : 0;
        if ((sign == 'Z' || sign == 'z') && remaining == 1) {
            return 0;
        }
        if ((sign == '+' || sign == '-') && remaining == 6 && text.charAt(position + 3) == ':') {
            int hours = digits(text, position + 1, 2);
            int minutes = digits(text, position + 4, 2);
            requireRange("offset hour", hours, 23);
            requireRange("offset minute", minutes, 59);
            int seconds = (hours * 60 + minutes) * 60;
            return sign == '-' ? -seconds : seconds;
        }
        throw new DateTimeException("expected an offset Z or +HH:MM or -HH:MM after the time");
    }

    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                throw new DateTimeException("expected a digit at index " + i);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void requireRange(String name, int value, int max) {
        if (value > max) {
            throw new DateTimeException(name + " " + value + " is above " + max);
        }
    }
}
