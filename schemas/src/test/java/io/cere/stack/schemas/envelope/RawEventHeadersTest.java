package io.cere.stack.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawEventHeadersTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {0, 1, 1_763_708_400_123L, Long.MAX_VALUE})
    void roundTripsReceivedAt(long millis) {
        byte[] header = RawEventHeaders.receivedAt(millis);

        assertThat(new String(header, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(millis));
        assertThat(RawEventHeaders.parseReceivedAt(header)).isEqualTo(millis);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                "-1",
                "+1",
                "12a",
                " 1",
                "1.5",
                "9223372036854775808",
                "99999999999999999999"
            })
    void rejectsReceivedAtThatIsNotEpochMillisDigits(String value) {
        assertThatThrownBy(
                        () ->
                                RawEventHeaders.parseReceivedAt(
                                        value.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RawEventHeaders.RECEIVED_AT)
                .hasMessageContaining("\"" + value + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void refusesToWriteNegativeReceivedAt(long millis) {
        assertThatThrownBy(() -> RawEventHeaders.receivedAt(millis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Long.toString(millis));
    }

    @org.junit.jupiter.api.Test
    void rejectsAMissingHeaderValue() {
        assertThatThrownBy(() -> RawEventHeaders.parseReceivedAt(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no value");
    }
}
