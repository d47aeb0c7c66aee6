package io.cere.stack.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void readsTheUnitsPeopleWrite() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("15")).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void readsIso8601() {
        assertThat(DurationConverter.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void rejectsNegativeAndUnreadableDurations() {
        assertThatThrownBy(() -> DurationConverter.parse("PT-1S"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> DurationConverter.parse("3 weeks"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'3 weeks' is not a duration");
    }
}
