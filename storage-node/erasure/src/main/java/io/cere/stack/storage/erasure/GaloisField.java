package io.cere.stack.storage.erasure;

/**
 * Arithmetic in GF(2^8) with the reducing polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and
 * generator 2, the field Backblaze's JavaReedSolomon, klauspost/reedsolomon and ISA-L use, so that
 * coded shards are byte-compatible with theirs.
 *
 * <p>Elements are passed as {@code int} in [0, 255] (callers mask bytes with {@code & 0xFF}).
 * Addition and subtraction are both XOR; multiplication goes through log and exp tables, and a full
 * 256 x 256 product table backs the coding loops.
 */
public final class GaloisField {

    /** Number of elements in the field. */
    public static final int ORDER = 256;

    /** The reducing polynomial, with the x^8 term. */
    public static final int POLYNOMIAL = 0x11D;

    private static final int GENERATOR = 2;

    /** log[a] for a in 1..255: the power of the generator that gives a. log[0] is unused. */
    private static final int[] LOG = new int[ORDER];

    /**
     * exp[i] = generator^i for i in 0..509: twice the cycle of 255, so that exp[log a + log b]
     * needs no modulo.
     */
    private static final int[] EXP = new int[2 * (ORDER - 1)];

    private static final byte[][] PRODUCTS = new byte[ORDER][ORDER];

    static {
        int value = 1;
        for (int power = 0; power < ORDER - 1; power++) {
            EXP[power] = value;
            EXP[power + ORDER - 1] = value;
            LOG[value] = power;
            value *= GENERATOR;
            if (value >= ORDER) {
                value ^= POLYNOMIAL;
            }
        }
        for (int a = 0; a < ORDER; a++) {
            for (int b = 0; b < ORDER; b++) {
                PRODUCTS[a][b] = (byte) multiply(a, b);
            }
        }
    }

    private GaloisField() {}

    /** a + b, which in a field of characteristic 2 is also a - b. */
    public static int add(int a, int b) {
        return checked(a) ^ checked(b);
    }

    /** a * b. */
    public static int multiply(int a, int b) {
        if (checked(a) == 0 || checked(b) == 0) {
            return 0;
        }
        return EXP[LOG[a] + LOG[b]];
    }

    /**
     * a / b.
     *
     * @throws ArithmeticException when b is 0
     */
    public static int divide(int a, int b) {
        if (checked(b) == 0) {
            throw new ArithmeticException("division by zero in GF(2^8)");
        }
        if (checked(a) == 0) {
            return 0;
        }
        return EXP[LOG[a] - LOG[b] + ORDER - 1];
    }

    /**
     * The multiplicative inverse of a.
     *
     * @throws ArithmeticException when a is 0, which has none
     */
    public static int inverse(int a) {
        return divide(1, a);
    }

    /** a raised to the power n (n >= 0); 0^0 is 1, as the Vandermonde construction needs. */
    public static int power(int a, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("exponent must be >= 0, got " + n);
        }
        if (n == 0) {
            return 1;
        }
        if (checked(a) == 0) {
            return 0;
        }
        return EXP[(int) ((long) LOG[a] * n % (ORDER - 1))];
    }

    /** The generator raised to the power n, for n in [0, 254]. */
    public static int exp(int n) {
        if (n < 0 || n >= ORDER - 1) {
            throw new IllegalArgumentException("exponent must be in [0, 254], got " + n);
        }
        return EXP[n];
    }

    /**
     * The discrete logarithm of a to the base of the generator, in [0, 254].
     *
     * @throws ArithmeticException when a is 0, which has no logarithm
     */
    public static int log(int a) {
        if (checked(a) == 0) {
            throw new ArithmeticException("log of zero in GF(2^8)");
        }
        return LOG[a];
    }

    /**
     * The 256 products {@code coefficient * x} for x in 0..255, indexed by x. The array is shared:
     * callers must not modify it.
     */
    static byte[] productsOf(int coefficient) {
        return PRODUCTS[checked(coefficient)];
    }

    private static int checked(int element) {
        if (element < 0 || element >= ORDER) {
            throw new IllegalArgumentException(
                    "GF(2^8) element must be in [0, 255], got " + element);
        }
        return element;
    }
}
