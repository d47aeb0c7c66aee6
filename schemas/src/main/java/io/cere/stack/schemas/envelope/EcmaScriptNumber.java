package io.cere.stack.schemas.envelope;

import java.math.BigInteger;

/**
 * ECMAScript {@code Number.prototype.toString()} for finite doubles, as RFC 8785 requires for every
 * JSON number.
 *
 * <p>The digits are the shortest decimal that reads back as the same double; when several shortest
 * decimals do, the one closest to the double, and of two equally close the even one (ECMA-262,
 * Number::toString, note 2). Java 17's {@code Double.toString} is neither always shortest nor
 * always closest ({@code 4.9E-324} for 5e-324, {@code 2.82879384806159008E17} for
 * 282879384806159000, {@code 9.999999999999999E22} for 1e+23), so the digits come from Giulietti's
 * Schubfach algorithm ("The Schubfach way to render doubles", 2020): a few 128-bit multiplications
 * per number and no allocation besides the output, against a table of 617 powers of ten built once
 * with exact {@link BigInteger} arithmetic.
 *
 * <p>Schubfach as published picks at least two digits, as Java's specification asks; ECMAScript
 * wants the truly shortest. The two differ only for the two smallest subnormals ({@code 5e-324},
 * {@code 1e-323}), where the rounding interval is wide enough to hold two one-digit candidates;
 * {@link #toDecimal} resolves that case by closeness instead of returning two digits.
 */
final class EcmaScriptNumber {

    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << 52;
    private static final long C_TINY = 3;
    private static final int K_MIN = flog10pow2(Q_MIN);
    private static final int K_MAX = flog10pow2(971);
    private static final long MASK_63 = (1L << 63) - 1;
    private static final long TWO_POW_53 = 1L << 53;

    /** g(k) = floor(10^-k / 2^r) + 1 with 2^125 <= g < 2^126, split as g1 * 2^63 + g0. */
    private static final long[] G = powersOfTen();

    private EcmaScriptNumber() {}

    /** The ECMAScript text of {@code v}; {@code -0} gives {@code "0"}. */
    static String toString(double v) {
        StringBuilder out = new StringBuilder(24);
        append(out, v);
        return out.toString();
    }

    /**
     * Appends the ECMAScript text of {@code v}.
     *
     * @throws IllegalArgumentException if {@code v} is NaN or infinite (not representable in JSON)
     */
    static void append(StringBuilder out, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(
                    "expected a finite number (RFC 8785 / I-JSON), got " + v);
        }
        if (v == (long) v && Math.abs(v) < TWO_POW_53) {
            // Integers are by far the most common numbers in payloads; every integer below 2^53
            // is exact, so its plain decimal form is already the shortest.
            out.append((long) v);
            return;
        }
        if (v < 0) {
            out.append('-');
            v = -v;
        }
        long bits = Double.doubleToRawLongBits(v);
        long fraction = bits & (C_MIN - 1);
        int biasedExponent = (int) (bits >>> 52);
        if (biasedExponent != 0) {
            toDecimal(out, biasedExponent - 1075, C_MIN | fraction, 0);
        } else if (fraction < C_TINY) {
            // Scale the two smallest subnormals by ten so that the scaled value has two digits.
            toDecimal(out, Q_MIN, 10 * fraction, -1);
        } else {
            toDecimal(out, Q_MIN, fraction, 0);
        }
    }

    /** Writes the shortest decimal for {@code c * 2^q * 10^dk}, with c > 0. */
    private static void toDecimal(StringBuilder out, int q, long c, int dk) {
        int odd = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            // At a power of two the gap below is half the gap above.
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        long g1 = G[2 * (k - K_MIN)];
        long g0 = G[2 * (k - K_MIN) + 1];
        // vb, vbl, vbr: 4 * v, 4 * (lower bound), 4 * (upper bound) in units of 10^k, rounded to
        // odd so that comparisons against multiples of 4 stay exact.
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);

        // Candidates with one digit fewer: u' and w', the multiples of 10^(k+1) around v.
        long s = vb >> 2;
        long sp10 = s / 10 * 10;
        long tp10 = sp10 + 10;
        boolean upin = vbl + odd <= sp10 << 2;
        boolean wpin = (tp10 << 2) + odd <= vbr;
        if (upin || wpin) {
            layout(out, closest(upin, wpin, vb, sp10, tp10, sp10 / 10), k + dk);
            return;
        }
        // Full-length candidates u = s * 10^k and w = t * 10^k; at least one is in range.
        long t = s + 1;
        boolean uin = vbl + odd <= s << 2;
        boolean win = (t << 2) + odd <= vbr;
        layout(out, closest(uin, win, vb, s, t, s), k + dk);
    }

    /** Of the two candidates in range, the one closer to v; on a tie the one with even digits. */
    private static long closest(
            boolean lowerIn, boolean upperIn, long vb, long lower, long upper, long lowerDigits) {
        if (lowerIn != upperIn) {
            return lowerIn ? lower : upper;
        }
        long cmp = vb - ((lower + upper) << 1);
        return cmp < 0 || (cmp == 0 && (lowerDigits & 1) == 0) ? lower : upper;
    }

    /** Lays out {@code f * 10^e} (f > 0) by ECMA-262 Number::toString, steps 6 to 10. */
    private static void layout(StringBuilder out, long f, int e) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        String digits = Long.toString(f);
        int k = digits.length();
        int n = e + k;
        if (k <= n && n <= 21) {
            out.append(digits);
            out.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 < 0 ? '-' : '+').append(Math.abs(n - 1));
        }
    }

    /** Round to odd of {@code g * cp / 2^127}, g = g1 * 2^63 + g0. */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /** floor(e * log10(2)), exact for |e| <= 5456. */
    private static int flog10pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** floor(log10(3/4 * 2^e)), exact for |e| <= 5456. */
    private static int flog10threeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** floor(e * log2(10)), exact for |e| <= 1233. */
    private static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    private static long[] powersOfTen() {
        long[] table = new long[2 * (K_MAX - K_MIN + 1)];
        BigInteger mask63 = BigInteger.valueOf(MASK_63);
        for (int k = K_MIN; k <= K_MAX; k++) {
            // 10^-k = beta * 2^r with 2^125 <= beta < 2^126.
            int r = flog2pow10(-k) - 125;
            BigInteger beta;
            if (k <= 0) {
                BigInteger pow = BigInteger.TEN.pow(-k);
                beta = r >= 0 ? pow.shiftRight(r) : pow.shiftLeft(-r);
            } else {
                beta = BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(k));
            }
            BigInteger g = beta.add(BigInteger.ONE);
            table[2 * (k - K_MIN)] = g.shiftRight(63).longValueExact();
            table[2 * (k - K_MIN) + 1] = g.and(mask63).longValueExact();
        }
        return table;
    }
}
