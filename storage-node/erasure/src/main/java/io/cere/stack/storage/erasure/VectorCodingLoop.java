package io.cere.stack.storage.erasure;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.util.Set;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The coding loop on the JDK Vector API, with the split-nibble technique of ISA-L and
 * klauspost/reedsolomon: a product c * x splits into c * (x & 0x0F) XOR c * (x & 0xF0), and each
 * half is a lookup in a 16-entry table, which a byte shuffle does for a whole vector at once. Two
 * shuffles and two XORs replace one table lookup per byte.
 *
 * <p>Up to four outputs are computed per pass with their sums held in registers: each input vector
 * is loaded and split into nibbles once and feeds all four, and each output vector is written once.
 * Outputs beyond four take further passes.
 *
 * <p>Loaded only by name from {@link CodingLoopChoice}, after checking that the incubator module is
 * present; touching this class otherwise fails with a {@link NoClassDefFoundError}.
 */
final class VectorCodingLoop implements CodingLoop {

    /**
     * The vector width. It must be a compile-time constant for C2 to turn Vector API calls into
     * instructions, hence static. The widest width at which a byte shuffle is one instruction: the
     * JVM's preferred width with AVX-512 VBMI ({@code vpermb}), else 128 bits ({@code pshufb}).
     * Without VBMI, C2 emulates a 256-bit shuffle with two in-lane shuffles, a lane swap and a
     * blend, and a 512-bit one slower still; on a Xeon with AVX-512BW but no VBMI, 10+4 encoding
     * measured 2.2-2.4 GB/s at 128 bits against 1.7-2.2 GB/s at 256 (the temporaries of the
     * emulation crowd out the four sums held in registers) and 0.9 GB/s at 512.
     */
    static final VectorSpecies<Byte> SPECIES =
            speciesFor(ByteVector.SPECIES_PREFERRED, CpuFeatures.read());

    private static final int LANES = SPECIES.length();

    /** Bytes per (output, input) pair in the table array: a low-nibble and a high-nibble table. */
    private static final int TABLE_STRIDE = 2 * LANES;

    private static final int NIBBLE_VALUES = 16;

    private static final int MAX_GROUP = 4;

    VectorCodingLoop() {
        if (LANES < NIBBLE_VALUES) {
            throw new UnsupportedOperationException(
                    "vectors of "
                            + SPECIES.vectorBitSize()
                            + " bits hold fewer than 16 bytes, too few for nibble tables");
        }
    }

    static VectorSpecies<Byte> speciesFor(VectorSpecies<Byte> preferred, Set<String> cpuFlags) {
        if (preferred.vectorBitSize() > 128 && !cpuFlags.contains("avx512vbmi")) {
            return ByteVector.SPECIES_128;
        }
        return preferred;
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    @Override
    public void code(
            byte[][] matrixRows, byte[][] inputs, byte[][] outputs, int offset, int length) {
        int vectorEnd = offset + SPECIES.loopBound(length);
        if (vectorEnd > offset) {
            byte[] tables = nibbleTables(matrixRows, inputs.length);
            for (int first = 0; first < outputs.length; first += MAX_GROUP) {
                int group = Math.min(MAX_GROUP, outputs.length - first);
                switch (group) {
                    case 4:
                        code4(tables, inputs, outputs, first, offset, vectorEnd);
                        break;
                    case 3:
                        code3(tables, inputs, outputs, first, offset, vectorEnd);
                        break;
                    case 2:
                        code2(tables, inputs, outputs, first, offset, vectorEnd);
                        break;
                    default:
                        code1(tables, inputs, outputs, first, offset, vectorEnd);
                        break;
                }
            }
        }
        TableLookupCodingLoop.codeRange(matrixRows, inputs, outputs, vectorEnd, offset + length);
    }

    /**
     * For input i and output r, at {@code (i * outputs + r) * TABLE_STRIDE}: c * n for n in 0..15,
     * then c * (n << 4), each repeated to fill a vector (c = matrixRows[r][i]). Ordering by input
     * first puts the tables one pass needs for one input next to each other.
     */
    private static byte[] nibbleTables(byte[][] matrixRows, int inputCount) {
        int outputCount = matrixRows.length;
        byte[] tables = new byte[inputCount * outputCount * TABLE_STRIDE];
        for (int i = 0; i < inputCount; i++) {
            for (int r = 0; r < outputCount; r++) {
                byte[] products = GaloisField.productsOf(matrixRows[r][i] & 0xFF);
                int low = (i * outputCount + r) * TABLE_STRIDE;
                int high = low + LANES;
                for (int lane = 0; lane < LANES; lane++) {
                    int nibble = lane % NIBBLE_VALUES;
                    tables[low + lane] = products[nibble];
                    tables[high + lane] = products[nibble << 4];
                }
            }
        }
        return tables;
    }

    private static VectorShuffle<Byte> lowNibbles(ByteVector data) {
        return data.and((byte) 0x0F).toShuffle();
    }

    private static VectorShuffle<Byte> highNibbles(ByteVector data) {
        // Shifting 16-bit lanes moves each byte's high nibble down; the mask drops what the shift
        // brought over from the neighbouring byte. Bytes have no cheaper shift on x86.
        return data.reinterpretAsShorts()
                .lanewise(LSHR, 4)
                .reinterpretAsBytes()
                .and((byte) 0x0F)
                .toShuffle();
    }

    private static ByteVector product(
            byte[] tables, int table, VectorShuffle<Byte> low, VectorShuffle<Byte> high) {
        return ByteVector.fromArray(SPECIES, tables, table)
                .rearrange(low)
                .lanewise(
                        XOR, ByteVector.fromArray(SPECIES, tables, table + LANES).rearrange(high));
    }

    private static void code4(
            byte[] tables, byte[][] inputs, byte[][] outputs, int first, int from, int to) {
        int outputCount = outputs.length;
        byte[] out0 = outputs[first];
        byte[] out1 = outputs[first + 1];
        byte[] out2 = outputs[first + 2];
        byte[] out3 = outputs[first + 3];
        for (int x = from; x < to; x += LANES) {
            ByteVector sum0 = ByteVector.zero(SPECIES);
            ByteVector sum1 = sum0;
            ByteVector sum2 = sum0;
            ByteVector sum3 = sum0;
            for (int i = 0; i < inputs.length; i++) {
                ByteVector data = ByteVector.fromArray(SPECIES, inputs[i], x);
                VectorShuffle<Byte> low = lowNibbles(data);
                VectorShuffle<Byte> high = highNibbles(data);
                int table = (i * outputCount + first) * TABLE_STRIDE;
                sum0 = sum0.lanewise(XOR, product(tables, table, low, high));
                sum1 = sum1.lanewise(XOR, product(tables, table + TABLE_STRIDE, low, high));
                sum2 = sum2.lanewise(XOR, product(tables, table + 2 * TABLE_STRIDE, low, high));
                sum3 = sum3.lanewise(XOR, product(tables, table + 3 * TABLE_STRIDE, low, high));
            }
            sum0.intoArray(out0, x);
            sum1.intoArray(out1, x);
            sum2.intoArray(out2, x);
            sum3.intoArray(out3, x);
        }
    }

    private static void code3(
            byte[] tables, byte[][] inputs, byte[][] outputs, int first, int from, int to) {
        int outputCount = outputs.length;
        byte[] out0 = outputs[first];
        byte[] out1 = outputs[first + 1];
        byte[] out2 = outputs[first + 2];
        for (int x = from; x < to; x += LANES) {
            ByteVector sum0 = ByteVector.zero(SPECIES);
            ByteVector sum1 = sum0;
            ByteVector sum2 = sum0;
            for (int i = 0; i < inputs.length; i++) {
                ByteVector data = ByteVector.fromArray(SPECIES, inputs[i], x);
                VectorShuffle<Byte> low = lowNibbles(data);
                VectorShuffle<Byte> high = highNibbles(data);
                int table = (i * outputCount + first) * TABLE_STRIDE;
                sum0 = sum0.lanewise(XOR, product(tables, table, low, high));
                sum1 = sum1.lanewise(XOR, product(tables, table + TABLE_STRIDE, low, high));
                sum2 = sum2.lanewise(XOR, product(tables, table + 2 * TABLE_STRIDE, low, high));
            }
            sum0.intoArray(out0, x);
            sum1.intoArray(out1, x);
            sum2.intoArray(out2, x);
        }
    }

    private static void code2(
            byte[] tables, byte[][] inputs, byte[][] outputs, int first, int from, int to) {
        int outputCount = outputs.length;
        byte[] out0 = outputs[first];
        byte[] out1 = outputs[first + 1];
        for (int x = from; x < to; x += LANES) {
            ByteVector sum0 = ByteVector.zero(SPECIES);
            ByteVector sum1 = sum0;
            for (int i = 0; i < inputs.length; i++) {
                ByteVector data = ByteVector.fromArray(SPECIES, inputs[i], x);
                VectorShuffle<Byte> low = lowNibbles(data);
                VectorShuffle<Byte> high = highNibbles(data);
                int table = (i * outputCount + first) * TABLE_STRIDE;
                sum0 = sum0.lanewise(XOR, product(tables, table, low, high));
                sum1 = sum1.lanewise(XOR, product(tables, table + TABLE_STRIDE, low, high));
            }
            sum0.intoArray(out0, x);
            sum1.intoArray(out1, x);
        }
    }

    private static void code1(
            byte[] tables, byte[][] inputs, byte[][] outputs, int first, int from, int to) {
        int outputCount = outputs.length;
        byte[] out0 = outputs[first];
        for (int x = from; x < to; x += LANES) {
            ByteVector sum0 = ByteVector.zero(SPECIES);
            for (int i = 0; i < inputs.length; i++) {
                ByteVector data = ByteVector.fromArray(SPECIES, inputs[i], x);
                int table = (i * outputCount + first) * TABLE_STRIDE;
                sum0 =
                        sum0.lanewise(
                                XOR, product(tables, table, lowNibbles(data), highNibbles(data)));
            }
            sum0.intoArray(out0, x);
        }
    }
}
