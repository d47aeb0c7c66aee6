package io.cere.stack.storage.cas;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultibaseTest {

    /** RFC 4648 section 10 base32 vectors, lower case and without padding, prefixed with 'b'. */
    @ParameterizedTest
    @CsvSource({
        "'', b",
        "f, bmy",
        "fo, bmzxq",
        "foo, bmzxw6",
        "foob, bmzxw6yq",
        "fooba, bmzxw6ytb",
        "foobar, bmzxw6ytboi"
    })
    void encodesTheRfc4648Vectors(String input, String expected) {
        assertThat(Multibase.encode(input.getBytes(US_ASCII))).isEqualTo(expected);
        assertThat(Multibase.decode(expected)).isEqualTo(input.getBytes(US_ASCII));
    }

    @Test
    void roundTripsRandomBytesOfEveryLengthModuloFive() {
        Random random = new Random(4648);
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Multibase.encode(bytes);
            assertThat(text).matches("b[a-z2-7]*");
            assertThat(Multibase.decode(text)).isEqualTo(bytes);
        }
    }

    @Test
    void rejectsOtherBasesNamingThePrefix() {
        assertThatThrownBy(
                        () -> Multibase.decode("zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix 'z' (base58btc) is not supported")
                .hasMessageContaining("only 'b'");
        assertThatThrownBy(() -> Multibase.decode("BAFKREIH"))
                .hasMessageContaining("prefix 'B' (base32upper)");
        assertThatThrownBy(() -> Multibase.decode("#abc")).hasMessageContaining("prefix '#'");
        assertThatThrownBy(() -> Multibase.decode("")).hasMessageContaining("empty");
    }

    @Test
    void rejectsCharactersOutsideTheAlphabetNamingThemAndTheirIndex() {
        assertThatThrownBy(() -> Multibase.decode("bmzx1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid base32 character '1' (U+0031) at index 4");
        assertThatThrownBy(() -> Multibase.decode("bMZXQ"))
                .hasMessageContaining("character 'M' (U+004D) at index 1");
        assertThatThrownBy(() -> Multibase.decode("bmy======"))
                .hasMessageContaining("character '=' (U+003D) at index 3");
        assertThatThrownBy(() -> Multibase.decode("bmzé"))
                .hasMessageContaining("character 'é' (U+00E9) at index 3");
    }

    @Test
    void rejectsLengthsNoByteStringEncodesTo() {
        for (String text : new String[] {"bm", "bmzx", "bmzxw6y"}) {
            assertThatThrownBy(() -> Multibase.decode(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("impossible length");
        }
    }

    @Test
    void rejectsNonZeroPaddingBits() {
        // "f" is "my"; "mz" carries the same byte with a 1 in the two unused bits.
        assertThatThrownBy(() -> Multibase.decode("bmz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-zero padding bits");
    }
}
