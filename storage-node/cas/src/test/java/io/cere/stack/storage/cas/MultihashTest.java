package io.cere.stack.storage.cas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MultihashTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String EMPTY_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void prefixesTheDigestWithCodeAndLength() {
        Multihash multihash = Multihash.compute(HashAlgorithm.SHA2_256, new byte[0]);

        assertThat(HEX.formatHex(multihash.bytes())).isEqualTo("1220" + EMPTY_SHA256);
        assertThat(multihash.algorithm()).isEqualTo(HashAlgorithm.SHA2_256);
        assertThat(HEX.formatHex(multihash.digest())).isEqualTo(EMPTY_SHA256);
        assertThat(multihash).hasToString("sha2-256:" + EMPTY_SHA256);
        assertThat(Multihash.fromBytes(multihash.bytes())).isEqualTo(multihash);
    }

    @Test
    void blake3UsesCode0x1e() {
        Multihash multihash = Multihash.compute(HashAlgorithm.BLAKE3, new byte[0]);
        assertThat(HEX.formatHex(multihash.bytes()))
                .isEqualTo("1e20af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
    }

    @Test
    void equalityIsByAlgorithmAndDigest() {
        byte[] digest = new byte[32];
        assertThat(Multihash.of(HashAlgorithm.SHA2_256, digest))
                .isEqualTo(Multihash.of(HashAlgorithm.SHA2_256, digest.clone()))
                .hasSameHashCodeAs(Multihash.of(HashAlgorithm.SHA2_256, digest.clone()))
                .isNotEqualTo(Multihash.of(HashAlgorithm.BLAKE3, digest));
    }

    @Test
    void isImmutable() {
        byte[] digest = new byte[32];
        Multihash multihash = Multihash.of(HashAlgorithm.SHA2_256, digest);
        digest[0] = 1;
        multihash.digest()[1] = 1;
        assertThat(multihash.digest()).isEqualTo(new byte[32]);
    }

    @Test
    void rejectsADigestOfTheWrongLength() {
        assertThatThrownBy(() -> Multihash.of(HashAlgorithm.BLAKE3, new byte[64]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blake3 digest has 64 bytes; expected 32");
    }

    @Test
    void rejectsMalformedBinaryMultihashes() {
        assertThatThrownBy(() -> Multihash.fromBytes(HEX.parseHex("1320" + EMPTY_SHA256)))
                .hasMessageContaining("multihash code 0x13 is not supported");
        assertThatThrownBy(() -> Multihash.fromBytes(HEX.parseHex("1214" + EMPTY_SHA256)))
                .hasMessageContaining("digest length 20 at offset 1 is not the 32 bytes");
        assertThatThrownBy(() -> Multihash.fromBytes(HEX.parseHex("1220e3b0c4")))
                .hasMessageContaining("truncated")
                .hasMessageContaining("needs 32 bytes but 3 remain");
        assertThatThrownBy(() -> Multihash.fromBytes(HEX.parseHex("1220" + EMPTY_SHA256 + "00")))
                .hasMessageContaining("followed by 1 unexpected bytes at offset 34");
        assertThatThrownBy(() -> Multihash.fromBytes(HEX.parseHex("928000")))
                .hasMessageContaining("not minimally encoded");
    }
}
