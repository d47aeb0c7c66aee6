package io.cere.stack.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import jdk.incubator.vector.ByteVector;
import org.junit.jupiter.api.Test;

/** Runs only in the test JVM that has the vector module (see the pom). */
class VectorCodingLoopTest {

    @Test
    void usesTheWidestWidthWhoseByteShuffleIsOneInstruction() {
        assertThat(VectorCodingLoop.speciesFor(ByteVector.SPECIES_512, Set.of("avx512bw")))
                .isEqualTo(ByteVector.SPECIES_128);
        assertThat(
                        VectorCodingLoop.speciesFor(
                                ByteVector.SPECIES_512, Set.of("avx512bw", "avx512vbmi")))
                .isEqualTo(ByteVector.SPECIES_512);
        assertThat(VectorCodingLoop.speciesFor(ByteVector.SPECIES_256, Set.of("avx2")))
                .isEqualTo(ByteVector.SPECIES_128);
        assertThat(
                        VectorCodingLoop.speciesFor(
                                ByteVector.SPECIES_256, Set.of("avx2", "avx512vbmi", "avx512vl")))
                .isEqualTo(ByteVector.SPECIES_256);
        assertThat(VectorCodingLoop.speciesFor(ByteVector.SPECIES_128, Set.of()))
                .isEqualTo(ByteVector.SPECIES_128);
    }

    @Test
    void isTheFastestLoopInThisJvm() {
        assertThat(CodingLoop.fastestAvailable()).isInstanceOf(VectorCodingLoop.class);
        assertThat(CodingLoop.fastestAvailable().name())
                .isEqualTo("vector-" + VectorCodingLoop.SPECIES.vectorBitSize());
    }
}
