package io.cere.stack.storage.erasure;

/**
 * The portable coding loop: one lookup in a 256-entry product table per coefficient and byte, the
 * way Backblaze's fastest Java loop works.
 *
 * <p>Work is done in blocks small enough that every output's block stays in the L1/L2 cache while
 * all inputs are folded into it: each input block is read once, and each output block is written
 * while it is still hot.
 */
final class TableLookupCodingLoop implements CodingLoop {

    /** Bytes per block: with four outputs and one input the working set is 40 KiB. */
    private static final int BLOCK = 8 * 1024;

    @Override
    public void code(
            byte[][] matrixRows, byte[][] inputs, byte[][] outputs, int offset, int length) {
        codeRange(matrixRows, inputs, outputs, offset, offset + length);
    }

    /** Codes the byte positions {@code [from, to)}; the vector loop uses it for its tail. */
    static void codeRange(
            byte[][] matrixRows, byte[][] inputs, byte[][] outputs, int from, int to) {
        for (int blockStart = from; blockStart < to; blockStart += BLOCK) {
            int blockEnd = Math.min(to, blockStart + BLOCK);
            for (int i = 0; i < inputs.length; i++) {
                byte[] input = inputs[i];
                for (int r = 0; r < outputs.length; r++) {
                    byte[] products = GaloisField.productsOf(matrixRows[r][i] & 0xFF);
                    byte[] output = outputs[r];
                    if (i == 0) {
                        for (int x = blockStart; x < blockEnd; x++) {
                            output[x] = products[input[x] & 0xFF];
                        }
                    } else {
                        for (int x = blockStart; x < blockEnd; x++) {
                            output[x] ^= products[input[x] & 0xFF];
                        }
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "table";
    }
}
