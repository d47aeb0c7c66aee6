package io.cere.stack.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MatrixTest {

    @Test
    void printsIdentityAsBackblazeDoes() {
        assertThat(Matrix.identity(3)).hasToString("[[1, 0, 0], [0, 1, 0], [0, 0, 1]]");
    }

    @Test
    void multipliesAsBackblazeKnownAnswer() {
        Matrix left = Matrix.of(new int[][] {{1, 2}, {3, 4}});
        Matrix right = Matrix.of(new int[][] {{5, 6}, {7, 8}});
        assertThat(left.times(right)).hasToString("[[11, 22], [19, 42]]");
    }

    @Test
    void invertsAsBackblazeKnownAnswers() {
        Matrix m = Matrix.of(new int[][] {{56, 23, 98}, {3, 100, 200}, {45, 201, 123}});
        assertThat(m.invert()).hasToString("[[175, 133, 33], [130, 13, 245], [112, 35, 126]]");
        assertThat(m.times(m.invert())).isEqualTo(Matrix.identity(3));

        Matrix withPivotSwap =
                Matrix.of(
                        new int[][] {
                            {1, 0, 0, 0, 0},
                            {0, 1, 0, 0, 0},
                            {0, 0, 0, 1, 0},
                            {0, 0, 0, 0, 1},
                            {7, 7, 6, 6, 1}
                        });
        assertThat(withPivotSwap.invert())
                .hasToString(
                        "[[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [123, 123, 1, 122, 122],"
                                + " [0, 0, 1, 0, 0], [0, 0, 0, 1, 0]]");
        assertThat(withPivotSwap.times(withPivotSwap.invert())).isEqualTo(Matrix.identity(5));
    }

    @Test
    void everySquareSelectionOfVandermondeRowsInvertsToAnInverse() {
        Random random = new Random(20240611L);
        Matrix vandermonde = Matrix.vandermonde(256, 12);
        for (int trial = 0; trial < 200; trial++) {
            int[] rows = random.ints(0, 256).distinct().limit(12).toArray();
            Matrix square = vandermonde.selectRows(rows);
            Matrix inverse = square.invert();
            assertThat(square.times(inverse)).isEqualTo(Matrix.identity(12));
            assertThat(inverse.times(square)).isEqualTo(Matrix.identity(12));
        }
    }

    @Test
    void rejectsInvertingSingularAndNonSquareMatrices() {
        Matrix singular = Matrix.of(new int[][] {{1, 2}, {2, 4}});
        assertThatThrownBy(singular::invert)
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("singular");
        assertThatThrownBy(() -> Matrix.vandermonde(3, 2).invert())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3x2");
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThatThrownBy(() -> Matrix.identity(2).times(Matrix.identity(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2x2")
                .hasMessageContaining("3x3");
        assertThatThrownBy(() -> Matrix.of(new int[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1");
        assertThatThrownBy(() -> Matrix.of(new int[][] {{1, 256}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256");
        assertThatThrownBy(() -> Matrix.vandermonde(257, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("257");
        assertThatThrownBy(() -> Matrix.identity(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size must be >= 1, got 0");
    }

    @Test
    void selectsRowsAndSubmatrices() {
        Matrix m = Matrix.of(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        assertThat(m.selectRows(new int[] {2, 0})).hasToString("[[7, 8, 9], [1, 2, 3]]");
        assertThat(m.submatrix(1, 1, 3, 3)).hasToString("[[5, 6], [8, 9]]");
        assertThat(m.get(1, 2)).isEqualTo(6);
    }
}
