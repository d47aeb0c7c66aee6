package io.cere.stack.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GaloisFieldTest {

    @Test
    void everyNonZeroElementHasAnInverse() {
        for (int a = 1; a < 256; a++) {
            int inverse = GaloisField.inverse(a);
            assertThat(GaloisField.multiply(a, inverse)).as("a=%d", a).isEqualTo(1);
        }
    }

    @Test
    void zeroHasNoInverseAndNoLogarithm() {
        assertThatThrownBy(() -> GaloisField.inverse(0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> GaloisField.divide(7, 0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> GaloisField.log(0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void expAndLogTablesAreInverseBijections() {
        Set<Integer> powers = new HashSet<>();
        for (int n = 0; n < 255; n++) {
            int power = GaloisField.exp(n);
            powers.add(power);
            assertThat(GaloisField.log(power)).isEqualTo(n);
        }
        assertThat(powers).as("the generator reaches every nonzero element").hasSize(255);
        for (int a = 1; a < 256; a++) {
            assertThat(GaloisField.exp(GaloisField.log(a))).isEqualTo(a);
        }
    }

    @Test
    void multiplicationMatchesCarrylessMultiplicationReducedByThePolynomial() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertThat(GaloisField.multiply(a, b))
                        .as("%d * %d", a, b)
                        .isEqualTo(carrylessProductReduced(a, b));
            }
        }
    }

    private static int carrylessProductReduced(int a, int b) {
        int product = 0;
        for (int bit = 0; bit < 8; bit++) {
            if ((b & (1 << bit)) != 0) {
                product ^= a << bit;
            }
        }
        for (int bit = 14; bit >= 8; bit--) {
            if ((product & (1 << bit)) != 0) {
                product ^= GaloisField.POLYNOMIAL << (bit - 8);
            }
        }
        return product;
    }

    @Test
    void fieldAxiomsHold() {
        for (int a = 0; a < 256; a++) {
            assertThat(GaloisField.add(a, 0)).isEqualTo(a);
            assertThat(GaloisField.add(a, a)).isZero();
            assertThat(GaloisField.multiply(a, 1)).isEqualTo(a);
            for (int b = 0; b < 256; b++) {
                assertThat(GaloisField.multiply(a, b)).isEqualTo(GaloisField.multiply(b, a));
                if (b != 0) {
                    assertThat(GaloisField.multiply(GaloisField.divide(a, b), b)).isEqualTo(a);
                }
                for (int c = 0; c < 256; c += 7) {
                    assertThat(GaloisField.multiply(a, GaloisField.multiply(b, c)))
                            .isEqualTo(GaloisField.multiply(GaloisField.multiply(a, b), c));
                    assertThat(GaloisField.multiply(a, GaloisField.add(b, c)))
                            .isEqualTo(
                                    GaloisField.add(
                                            GaloisField.multiply(a, b),
                                            GaloisField.multiply(a, c)));
                }
            }
        }
    }

    @Test
    void matchesBackblazeKnownAnswers() {
        assertThat(GaloisField.multiply(3, 4)).isEqualTo(12);
        assertThat(GaloisField.multiply(7, 7)).isEqualTo(21);
        assertThat(GaloisField.multiply(23, 45)).isEqualTo(41);
        assertThat(GaloisField.power(2, 2)).isEqualTo(4);
        assertThat(GaloisField.power(5, 20)).isEqualTo(235);
        assertThat(GaloisField.power(13, 7)).isEqualTo(43);
    }

    @Test
    void powerIsRepeatedMultiplication() {
        for (int a = 0; a < 256; a++) {
            int expected = 1;
            for (int n = 0; n < 300; n++) {
                assertThat(GaloisField.power(a, n)).as("%d^%d", a, n).isEqualTo(expected);
                expected = GaloisField.multiply(expected, a);
            }
        }
    }

    @Test
    void productTablesMatchMultiplication() {
        for (int a = 0; a < 256; a++) {
            byte[] products = GaloisField.productsOf(a);
            for (int x = 0; x < 256; x++) {
                assertThat(products[x] & 0xFF).isEqualTo(GaloisField.multiply(a, x));
            }
        }
    }

    @Test
    void rejectsValuesOutsideTheField() {
        assertThatThrownBy(() -> GaloisField.multiply(256, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 255]")
                .hasMessageContaining("256");
        assertThatThrownBy(() -> GaloisField.add(-1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> GaloisField.power(2, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GaloisField.exp(255))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 254]");
    }
}
