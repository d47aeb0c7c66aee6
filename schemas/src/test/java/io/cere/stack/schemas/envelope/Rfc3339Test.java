package io.cere.stack.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2026-11-21T07:00:00Z, 2026-11-21T07:00:00Z",
        "2026-11-21t07:00:00z, 2026-11-21T07:00:00Z",
        "2026-11-21T07:00:00.123+01:00, 2026-11-21T06:00:00.123Z",
        "2026-11-21T07:00:00.5-05:30, 2026-11-21T12:30:00.5Z",
        "2026-11-21T07:00:00-00:00, 2026-11-21T07:00:00Z",
        "2026-11-21T07:00:00.123456789Z, 2026-11-21T07:00:00.123456789Z",
        "2026-11-21T07:00:00.1234567891234Z, 2026-11-21T07:00:00.123456789Z",
        "2016-12-31T23:59:60Z, 2016-12-31T23:59:59Z",
        "2024-02-29T00:00:00+23:59, 2024-02-28T00:01:00Z",
        "0000-01-01T00:00:00Z, 0000-01-01T00:00:00Z",
    })
    void parsesRfc3339DateTimes(String text, String expected) {
        assertThat(Rfc3339.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                "2026-11-21",
                "2026-11-21T07:00:00",
                "2026-11-21T07:00Z",
                "2026-11-21 07:00:00Z",
                "2026-11-21T07:00:00ZZ",
                "2026-11-21T07:00:00.Z",
                "2026-11-21T07:00:00+01",
                "2026-11-21T07:00:00+0100",
                "2026-11-21T07:00:00+01:00:00",
                "2026-11-21T07:00:00+24:00",
                "2026-11-21T07:00:00+01:60",
                "2026-11-21T24:00:00Z",
                "2026-11-21T07:60:00Z",
                "2026-11-21T07:00:61Z",
                "2026-00-21T07:00:00Z",
                "2026-11-31T07:00:00Z",
                "2025-02-29T07:00:00Z",
                "+2026-11-21T07:00:00Z",
                "2026-1-21T07:00:00Z",
                "2026-11-21T07:00:00\u0660Z",
                "２０２６-11-21T07:00:00Z",
            })
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
