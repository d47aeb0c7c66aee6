package io.cere.stack.storage.cas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CidHasherTest {

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void streamedContentGetsTheCidOfTheWhole(HashAlgorithm algorithm) {
        Random random = new Random(7 + algorithm.ordinal());
        for (int round = 0; round < 20; round++) {
            byte[] content = new byte[random.nextInt(100_000)];
            random.nextBytes(content);
            CidHasher hasher = new CidHasher(Multicodec.RAW, algorithm);
            int offset = 0;
            while (offset < content.length) {
                int length = Math.min(content.length - offset, 1 + random.nextInt(10_000));
                if (random.nextBoolean()) {
                    hasher.update(content, offset, length);
                } else {
                    hasher.update(ByteBuffer.wrap(content, offset, length));
                }
                offset += length;
            }

            assertThat(hasher.length()).isEqualTo(content.length);
            assertThat(hasher.cid()).isEqualTo(Cid.of(Multicodec.RAW, algorithm, content));
        }
    }

    @Test
    void aCidsOwnHasherVerifiesStreamedContent() {
        byte[] content = new byte[5000];
        new Random(5).nextBytes(content);
        Cid expected = Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.BLAKE3, content);

        CidHasher hasher = expected.newHasher();
        hasher.update(content, 0, 2000).update(content, 2000, 3000);

        assertThat(hasher.cid()).isEqualTo(expected);
        assertThat(expected.newHasher().update(content, 0, 4999).cid()).isNotEqualTo(expected);
    }

    @Test
    void cidFinishesTheHasher() {
        CidHasher hasher = new CidHasher(Multicodec.RAW, HashAlgorithm.SHA2_256);
        hasher.update(new byte[] {1, 2, 3});
        Cid cid = hasher.cid();

        assertThat(hasher.cid()).isSameAs(cid);
        assertThatThrownBy(() -> hasher.update(new byte[1]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already computed");
        assertThatThrownBy(() -> hasher.update(ByteBuffer.allocate(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsRangesOutsideTheArray() {
        CidHasher hasher = new CidHasher(Multicodec.RAW, HashAlgorithm.SHA2_256);
        assertThatThrownBy(() -> hasher.update(new byte[10], 5, 6))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(hasher.length()).isZero();
    }
}
