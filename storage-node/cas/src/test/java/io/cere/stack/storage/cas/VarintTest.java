package io.cere.stack.storage.cas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VarintTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Examples from the multiformats unsigned-varint spec, plus the 63-bit maximum. */
    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "1, 01",
        "127, 7f",
        "128, 8001",
        "255, ff01",
        "300, ac02",
        "16384, 808001",
        "9223372036854775807, ffffffffffffffff7f"
    })
    void encodesAsTheSpecShows(long value, String hex) {
        assertThat(HEX.formatHex(Varint.encode(value))).isEqualTo(hex);
        assertThat(Varint.encodedLength(value)).isEqualTo(hex.length() / 2);
        assertThat(Varint.read(ByteBuffer.wrap(HEX.parseHex(hex)))).isEqualTo(value);
    }

    @Test
    void roundTripsValuesOfEveryLength() {
        Random random = new Random(63);
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong() >>> random.nextInt(64);
            value &= Long.MAX_VALUE;
            ByteBuffer buffer = ByteBuffer.allocate(Varint.MAX_LENGTH + 1);
            Varint.write(value, buffer);
            buffer.put((byte) 0x42).flip();

            assertThat(Varint.read(buffer)).isEqualTo(value);
            assertThat(buffer.position()).isEqualTo(Varint.encodedLength(value));
            assertThat(buffer.get()).as("the byte after the varint").isEqualTo((byte) 0x42);
        }
    }

    @Test
    void rejectsNegativeValues() {
        assertThatThrownBy(() -> Varint.encode(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1 is negative");
    }

    @ParameterizedTest
    @CsvSource({"8000", "8100", "ff00", "808000", "ff8000"})
    void rejectsEncodingsThatAreNotMinimal(String hex) {
        assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(HEX.parseHex(hex))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not minimally encoded");
    }

    @Test
    void rejectsMoreThanNineBytes() {
        byte[] tenBytes = HEX.parseHex("80808080808080808001");
        assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(tenBytes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than the limit of 9 bytes");
    }

    @Test
    void rejectsTruncatedInputAndNamesTheOffset() {
        ByteBuffer buffer = ByteBuffer.wrap(HEX.parseHex("01ff"));
        Varint.read(buffer);
        assertThatThrownBy(() -> Varint.read(buffer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at offset 1 is truncated");
    }
}
