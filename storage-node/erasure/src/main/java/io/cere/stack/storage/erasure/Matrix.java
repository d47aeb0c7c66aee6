package io.cere.stack.storage.erasure;

import java.util.Arrays;

/**
 * An immutable matrix over GF(2^8): the encoding matrix of a codec and the inverses used to
 * reconstruct lost shards.
 *
 * <p>Entries are field elements in [0, 255]; {@link #toString()} prints them as {@code [[1, 0], [0,
 * 1]]}, the form Backblaze's and klauspost's tests use, so their known answers can be compared as
 * text.
 */
public final class Matrix {

    private final int rows;
    private final int columns;
    private final byte[][] entries;

    private Matrix(byte[][] entries, int columns) {
        this.rows = entries.length;
        this.columns = columns;
        this.entries = entries;
    }

    /**
     * A matrix with the given entries (copied), each row an array of field elements in [0, 255].
     *
     * @throws IllegalArgumentException when there are no rows, no columns, or rows of different
     *     lengths, or an entry is outside [0, 255]
     */
    public static Matrix of(int[][] entries) {
        if (entries.length == 0 || entries[0].length == 0) {
            throw new IllegalArgumentException(
                    "matrix needs at least one row and one column, got "
                            + entries.length
                            + " rows");
        }
        int columns = entries[0].length;
        byte[][] copy = new byte[entries.length][columns];
        for (int r = 0; r < entries.length; r++) {
            if (entries[r].length != columns) {
                throw new IllegalArgumentException(
                        "row "
                                + r
                                + " has "
                                + entries[r].length
                                + " columns, expected "
                                + columns
                                + " like row 0");
            }
            for (int c = 0; c < columns; c++) {
                int value = entries[r][c];
                if (value < 0 || value >= GaloisField.ORDER) {
                    throw new IllegalArgumentException(
                            "entry (" + r + ", " + c + ") must be in [0, 255], got " + value);
                }
                copy[r][c] = (byte) value;
            }
        }
        return new Matrix(copy, columns);
    }

    /** The n x n identity matrix. */
    public static Matrix identity(int size) {
        checkDimension("size", size);
        byte[][] entries = new byte[size][size];
        for (int i = 0; i < size; i++) {
            entries[i][i] = 1;
        }
        return new Matrix(entries, size);
    }

    /**
     * The rows x columns Vandermonde matrix with entry (r, c) = r^c. Any {@code columns} of its
     * rows form an invertible square matrix as long as rows <= 256, which is what makes every set
     * of k shards sufficient to decode.
     */
    public static Matrix vandermonde(int rows, int columns) {
        checkDimension("rows", rows);
        checkDimension("columns", columns);
        if (rows > GaloisField.ORDER) {
            throw new IllegalArgumentException(
                    "a Vandermonde matrix over GF(2^8) has at most 256 distinct rows, got " + rows);
        }
        byte[][] entries = new byte[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                entries[r][c] = (byte) GaloisField.power(r, c);
            }
        }
        return new Matrix(entries, columns);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** The entry at (row, column), in [0, 255]. */
    public int get(int row, int column) {
        return entries[row][column] & 0xFF;
    }

    /** A copy of one row, as bytes (the form the coding loops take). */
    public byte[] row(int row) {
        return entries[row].clone();
    }

    /** this x other. */
    public Matrix times(Matrix other) {
        if (columns != other.rows) {
            throw new IllegalArgumentException(
                    "cannot multiply a "
                            + rows
                            + "x"
                            + columns
                            + " matrix by a "
                            + other.rows
                            + "x"
                            + other.columns
                            + " one: columns must equal the other's rows");
        }
        byte[][] product = new byte[rows][other.columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < other.columns; c++) {
                int sum = 0;
                for (int i = 0; i < columns; i++) {
                    sum ^= GaloisField.multiply(entries[r][i] & 0xFF, other.entries[i][c] & 0xFF);
                }
                product[r][c] = (byte) sum;
            }
        }
        return new Matrix(product, other.columns);
    }

    /** The rows {@code [fromRow, toRow)} and columns {@code [fromColumn, toColumn)}. */
    public Matrix submatrix(int fromRow, int fromColumn, int toRow, int toColumn) {
        if (fromRow < 0 || toRow > rows || fromRow >= toRow) {
            throw new IllegalArgumentException(
                    "row range [" + fromRow + ", " + toRow + ") must lie in [0, " + rows + ")");
        }
        if (fromColumn < 0 || toColumn > columns || fromColumn >= toColumn) {
            throw new IllegalArgumentException(
                    "column range ["
                            + fromColumn
                            + ", "
                            + toColumn
                            + ") must lie in [0, "
                            + columns
                            + ")");
        }
        byte[][] part = new byte[toRow - fromRow][];
        for (int r = fromRow; r < toRow; r++) {
            part[r - fromRow] = Arrays.copyOfRange(entries[r], fromColumn, toColumn);
        }
        return new Matrix(part, toColumn - fromColumn);
    }

    /** The matrix made of the given rows of this one, in that order. */
    public Matrix selectRows(int[] rowIndexes) {
        byte[][] selected = new byte[rowIndexes.length][];
        for (int i = 0; i < rowIndexes.length; i++) {
            selected[i] = entries[rowIndexes[i]].clone();
        }
        return new Matrix(selected, columns);
    }

    /**
     * The inverse, by Gauss-Jordan elimination.
     *
     * @throws IllegalArgumentException when the matrix is not square
     * @throws ArithmeticException when it is singular
     */
    public Matrix invert() {
        if (rows != columns) {
            throw new IllegalArgumentException(
                    "only square matrices have inverses, this one is " + rows + "x" + columns);
        }
        int n = rows;
        byte[][] work = new byte[n][2 * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(entries[r], 0, work[r], 0, n);
            work[r][n + r] = 1;
        }
        for (int pivot = 0; pivot < n; pivot++) {
            if (work[pivot][pivot] == 0) {
                int swap = pivot + 1;
                while (swap < n && work[swap][pivot] == 0) {
                    swap++;
                }
                if (swap == n) {
                    throw new ArithmeticException("matrix is singular: " + this);
                }
                byte[] row = work[pivot];
                work[pivot] = work[swap];
                work[swap] = row;
            }
            int scale = GaloisField.inverse(work[pivot][pivot] & 0xFF);
            scaleRow(work[pivot], scale);
            for (int r = 0; r < n; r++) {
                int factor = work[r][pivot] & 0xFF;
                if (r != pivot && factor != 0) {
                    subtractScaledRow(work[r], work[pivot], factor);
                }
            }
        }
        byte[][] inverse = new byte[n][];
        for (int r = 0; r < n; r++) {
            inverse[r] = Arrays.copyOfRange(work[r], n, 2 * n);
        }
        return new Matrix(inverse, n);
    }

    private static void scaleRow(byte[] row, int factor) {
        byte[] products = GaloisField.productsOf(factor);
        for (int c = 0; c < row.length; c++) {
            row[c] = products[row[c] & 0xFF];
        }
    }

    private static void subtractScaledRow(byte[] target, byte[] source, int factor) {
        byte[] products = GaloisField.productsOf(factor);
        for (int c = 0; c < target.length; c++) {
            target[c] ^= products[source[c] & 0xFF];
        }
    }

    private static void checkDimension(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Matrix
                && ((Matrix) other).columns == columns
                && Arrays.deepEquals(((Matrix) other).entries, entries);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(entries);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int r = 0; r < rows; r++) {
            text.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < columns; c++) {
                text.append(c == 0 ? "" : ", ").append(entries[r][c] & 0xFF);
            }
            text.append(']');
        }
        return text.append(']').toString();
    }
}
