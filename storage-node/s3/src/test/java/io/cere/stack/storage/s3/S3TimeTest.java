package io.cere.stack.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class S3TimeTest {

    @Test
    void httpDatesHaveTwoDigitDaysAsImfFixdateRequires() {
        long millis = Instant.parse("2026-12-06T22:49:27.815Z").toEpochMilli();

        assertThat(S3Time.http(millis)).isEqualTo("Sun, 06 Dec 2026 22:49:27 GMT");
    }

    @Test
    void httpDatesParseWithTheStrictPatternS3ClientsUse() {
        // MinIO's client parses Last-Modified with this pattern, and rejects a one-digit day.
        DateTimeFormatter strict =
                DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
        for (String day : new String[] {"2026-01-01", "2026-02-09", "2026-07-31", "2027-11-15"}) {
            long millis = Instant.parse(day + "T03:04:05Z").toEpochMilli();

            assertThat(ZonedDateTime.parse(S3Time.http(millis), strict).toInstant())
                    .isEqualTo(Instant.parse(day + "T03:04:05Z"));
        }
    }

    @Test
    void isoTimesCarryMilliseconds() {
        long millis = Instant.parse("2026-12-06T22:49:27.815Z").toEpochMilli();

        assertThat(S3Time.iso(millis)).isEqualTo("2026-12-06T22:49:27.815Z");
    }
}
