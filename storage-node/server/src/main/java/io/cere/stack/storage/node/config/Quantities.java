package io.cere.stack.storage.node.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes ({@code 1MiB}, {@code 65536}) and durations ({@code 5s}, {@code 250ms}) as people write
 * them.
 */
final class Quantities {

    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*(B|KiB|MiB|GiB)?");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(ms|s|m|h)");

    private Quantities() {}

    /**
     * A byte count: a plain number, or a number with {@code B}, {@code KiB}, {@code MiB}, {@code
     * GiB}.
     */
    static long parseSize(String text) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a size; expected a byte count such as 1048576 or 1MiB");
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        int shift =
                switch (unit) {
                    case "KiB" -> 10;
                    case "MiB" -> 20;
                    case "GiB" -> 30;
                    default -> 0;
                };
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        return value << shift;
    }

    /** A duration: a number with {@code ms}, {@code s}, {@code m} or {@code h}. */
    static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not a duration; expected a number with ms, s, m or h, such as 5s");
        }
        long value = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(value);
            case "s" -> Duration.ofSeconds(value);
            case "m" -> Duration.ofMinutes(value);
            default -> Duration.ofHours(value);
        };
    }

    /** {@code 1048576} as {@code 1MiB}, {@code 1000} as {@code 1000B}: for the start-up log. */
    static String formatSize(long bytes) {
        if (bytes > 0 && bytes % (1 << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes > 0 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes > 0 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return bytes + "B";
    }
}
