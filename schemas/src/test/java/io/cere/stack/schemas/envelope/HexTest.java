package io.cere.stack.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void encodesLowerCaseAndDecodesBack() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }

        String hex = Hex.encode(bytes);

        assertThat(hex).startsWith("000102").endsWith("fdfeff").hasSize(512);
        assertThat(Hex.decode(hex)).isEqualTo(bytes);
        assertThat(Hex.decode(hex.toUpperCase())).isEqualTo(bytes);
    }

    @Test
    void roundTripsRandomBytes() {
        Random random = new Random(16);
        for (int length = 0; length < 100; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(Hex.decode(Hex.encode(bytes))).isEqualTo(bytes);
        }
    }

    @Test
    void rejectsAnOddNumberOfDigits() {
        assertThatThrownBy(() -> Hex.decode("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected an even number of hex digits, got 3 characters");
    }

    @Test
    void rejectsNonHexCharactersNamingTheIndex() {
        assertThatThrownBy(() -> Hex.decode("00g0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a hex digit (0-9, a-f, A-F) at index 2, got 'g'");
        // Digits of other scripts are digits to Character.digit, but not hex.
        assertThatThrownBy(() -> Hex.decode("\uff10\uff10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 0");
        assertThatThrownBy(() -> Hex.decode("0\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got '\\u000a'");
    }

    @Test
    void checksLengthAndDigits() {
        assertThat(Hex.isHex("0aF9", 4)).isTrue();
        assertThat(Hex.isHex("0aF9", 2)).isFalse();
        assertThat(Hex.isHex("0aG9", 4)).isFalse();
        assertThat(Hex.isHex("", 0)).isTrue();
    }
}
