package io.cere.stack.storage.cas;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HashAlgorithmTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sha256MatchesTheFips180Examples() {
        assertThat(HEX.formatHex(HashAlgorithm.SHA2_256.digest(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(HEX.formatHex(HashAlgorithm.SHA2_256.digest("abc".getBytes(US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void blake3MatchesTheOfficialTestVectors() throws IOException {
        List<Blake3Vector> vectors = blake3Vectors();
        assertThat(vectors).hasSize(22);
        for (Blake3Vector vector : vectors) {
            byte[] input = new byte[vector.inputLength];
            for (int i = 0; i < input.length; i++) {
                input[i] = (byte) (i % 251);
            }
            String expected = vector.extendedOutputHex.substring(0, 64);

            assertThat(HEX.formatHex(HashAlgorithm.BLAKE3.digest(input)))
                    .as("BLAKE3 of %d bytes", vector.inputLength)
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void digestsInPiecesEqualTheDigestOfTheWhole(HashAlgorithm algorithm) {
        Random random = new Random(algorithm.code());
        for (int round = 0; round < 20; round++) {
            byte[] content = new byte[random.nextInt(40_000)];
            random.nextBytes(content);
            Digester digester = algorithm.newDigester();
            int offset = 0;
            while (offset < content.length) {
                int length = Math.min(content.length - offset, random.nextInt(5000));
                switch (random.nextInt(4)) {
                    case 0 -> digester.update(content, offset, length);
                    case 1 -> digester.update(ByteBuffer.wrap(content, offset, length));
                    case 2 ->
                            digester.update(
                                    ByteBuffer.wrap(content, offset, length).asReadOnlyBuffer());
                    default ->
                            digester.update(
                                    ByteBuffer.allocateDirect(length)
                                            .put(content, offset, length)
                                            .flip());
                }
                offset += length;
            }

            byte[] digest = digester.digest();
            assertThat(digest).hasSize(algorithm.digestLength());
            assertThat(digest).isEqualTo(algorithm.digest(content));
        }
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void bufferUpdatesConsumeTheBuffer(HashAlgorithm algorithm) {
        ByteBuffer slice = ByteBuffer.wrap(new byte[100], 10, 50);
        algorithm.newDigester().update(slice);
        assertThat(slice.position()).isEqualTo(60);
        assertThat(slice.hasRemaining()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void aFinishedDigesterRefusesMoreWork(HashAlgorithm algorithm) {
        Digester digester = algorithm.newDigester();
        digester.digest();
        assertThatThrownBy(() -> digester.update(new byte[1], 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already finished");
        assertThatThrownBy(digester::digest).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void looksUpByCodeAndName() {
        assertThat(HashAlgorithm.fromCode(0x12)).isEqualTo(HashAlgorithm.SHA2_256);
        assertThat(HashAlgorithm.fromCode(0x1e)).isEqualTo(HashAlgorithm.BLAKE3);
        assertThat(HashAlgorithm.fromName("sha2-256")).isEqualTo(HashAlgorithm.SHA2_256);
        assertThat(HashAlgorithm.fromName("blake3")).isEqualTo(HashAlgorithm.BLAKE3);
    }

    @Test
    void rejectsUnknownCodesAndNamesListingTheSupportedOnes() {
        assertThatThrownBy(() -> HashAlgorithm.fromCode(0x13))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "multihash code 0x13 is not supported; expected sha2-256 (0x12) or"
                                + " blake3 (0x1e)");
        assertThatThrownBy(() -> HashAlgorithm.fromName("md5"))
                .hasMessage("hash algorithm 'md5' is not supported; expected sha2-256 or blake3");
    }

    private record Blake3Vector(int inputLength, String extendedOutputHex) {}

    /** The cases of {@code blake3-test-vectors.txt}: input length, then the expected output. */
    private static List<Blake3Vector> blake3Vectors() throws IOException {
        List<Blake3Vector> vectors = new ArrayList<>();
        try (InputStream in =
                        HashAlgorithmTest.class.getResourceAsStream("blake3-test-vectors.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split(" ");
                vectors.add(new Blake3Vector(Integer.parseInt(fields[0]), fields[1]));
            }
        }
        return vectors;
    }
}
