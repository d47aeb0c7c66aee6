package io.cere.stack.storage.cas;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CidTest {

    private static final HexFormat HEX = HexFormat.of();

    // Known answers printed by multiformats 14.0.5:
    // CID.createV1(raw.code, await sha256.digest(bytes)).toString()
    private static final String EMPTY_RAW =
            "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    private static final String HELLO_WORLD_RAW =
            "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
    // CID.createV1(raw.code, Digest.create(0x1e, blake3 of the empty input)).toString()
    private static final String EMPTY_RAW_BLAKE3 =
            "bafkr4ifpcne3t5pzugtkaqcn5i3nzskjtpfslsnnyejlpte2spfoihzsmi";

    @Test
    void rawCidsEqualWhatIpfsComputes() {
        assertThat(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, new byte[0]))
                .hasToString(EMPTY_RAW);
        assertThat(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, "hello world".getBytes(US_ASCII)))
                .hasToString(HELLO_WORLD_RAW);
        assertThat(Cid.of(Multicodec.RAW, HashAlgorithm.BLAKE3, new byte[0]))
                .hasToString(EMPTY_RAW_BLAKE3);
    }

    @Test
    void binaryFormIsVersionCodecAndMultihash() {
        Cid cid = Cid.parse(EMPTY_RAW);

        assertThat(HEX.formatHex(cid.bytes()))
                .isEqualTo(
                        "01551220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(cid.version()).isEqualTo(1);
        assertThat(cid.codec()).isEqualTo(Multicodec.RAW);
        assertThat(cid.hashAlgorithm()).isEqualTo(HashAlgorithm.SHA2_256);
        assertThat(Cid.fromBytes(cid.bytes())).isEqualTo(cid);
        assertThat(Cid.of(Multicodec.DAG_CBOR, cid.multihash()).toString()).startsWith("bafyrei");
    }

    @Test
    void textAndBinaryFormsRoundTrip() {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            byte[] content = new byte[random.nextInt(300)];
            random.nextBytes(content);
            Cid cid =
                    Cid.of(
                            Multicodec.values()[random.nextInt(2)],
                            HashAlgorithm.values()[random.nextInt(2)],
                            content);

            assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
            assertThat(Cid.fromBytes(cid.bytes())).isEqualTo(cid);
            assertThat(cid.verifies(content)).isTrue();
        }
    }

    @Test
    void equalityHashAndOrderFollowTheBinaryForm() {
        Cid a = Cid.parse(EMPTY_RAW);
        Cid b = Cid.parse(HELLO_WORLD_RAW);
        Cid blake3 = Cid.parse(EMPTY_RAW_BLAKE3);

        assertThat(a).isEqualTo(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, new byte[0]));
        assertThat(a).hasSameHashCodeAs(Cid.fromBytes(a.bytes()));
        assertThat(a).isNotEqualTo(b).isNotEqualTo(blake3);
        assertThat(a).isNotEqualTo(Cid.of(Multicodec.DAG_CBOR, a.multihash()));

        List<Cid> cids = new ArrayList<>(List.of(blake3, b, a));
        Collections.sort(cids);
        // 0x12 (sha2-256) sorts before 0x1e (blake3); then e3... > b9... by digest.
        assertThat(cids).containsExactly(b, a, blake3);
        assertThat(a.compareTo(Cid.fromBytes(a.bytes()))).isZero();
    }

    @Test
    void verifiesOnlyTheContentItNames() {
        Cid cid = Cid.parse(HELLO_WORLD_RAW);
        assertThat(cid.verifies("hello world".getBytes(US_ASCII))).isTrue();
        assertThat(cid.verifies("hello worle".getBytes(US_ASCII))).isFalse();
        assertThat(cid.verifies(new byte[0])).isFalse();

        Cid blake3 = Cid.parse(EMPTY_RAW_BLAKE3);
        assertThat(blake3.verifies(new byte[0])).isTrue();
        assertThat(blake3.verifies(new byte[1])).isFalse();
    }

    @Test
    void isImmutable() {
        Cid cid = Cid.parse(EMPTY_RAW);
        cid.bytes()[5] ^= 1;
        assertThat(cid.bytes()).isEqualTo(Cid.parse(EMPTY_RAW).bytes());
    }

    @Test
    void rejectsCidV0WithAMessageSayingOnlyCidV1Base32IsAccepted() {
        assertThatThrownBy(() -> Cid.parse("QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR"))
                .isInstanceOf(InvalidCidException.class)
                .hasMessageContaining("'QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR'")
                .hasMessageContaining("CIDv0")
                .hasMessageContaining("only CIDv1 in base32 ('b...') is accepted");

        byte[] v0 = HEX.parseHex("1220" + "00".repeat(32));
        assertThatThrownBy(() -> Cid.fromBytes(v0))
                .isInstanceOf(InvalidCidException.class)
                .hasMessageContaining("CIDv0")
                .hasMessageContaining("only CIDv1 is accepted");
    }

    @Test
    void rejectsOtherMultibasesAndBadCharactersNamingThem() {
        assertThatThrownBy(() -> Cid.parse("zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA"))
                .isInstanceOf(InvalidCidException.class)
                .hasMessageContaining("prefix 'z' (base58btc) is not supported");
        assertThatThrownBy(() -> Cid.parse(EMPTY_RAW.toUpperCase()))
                .isInstanceOf(InvalidCidException.class)
                .hasMessageContaining("prefix 'B' (base32upper)");
        assertThatThrownBy(() -> Cid.parse(EMPTY_RAW.replace('q', '1')))
                .isInstanceOf(InvalidCidException.class)
                .hasMessageContaining("invalid CID '" + EMPTY_RAW.replace('q', '1') + "'")
                .hasMessageContaining("invalid base32 character '1'");
        assertThatThrownBy(() -> Cid.parse(""))
                .isInstanceOf(InvalidCidException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Cid.parse("b" + "a".repeat(200)))
                .isInstanceOf(InvalidCidException.class)
                .hasMessageContaining("201 characters is longer than any supported CID");
    }

    @Test
    void rejectsUnsupportedVersionsCodecsAndHashes() {
        String digest = "00".repeat(32);
        assertThat(invalid("02551220" + digest)).contains("CID version 2 is not supported");
        assertThat(invalid("01701220" + digest))
                .contains(
                        "content codec 0x70 is not supported; expected raw (0x55) or dag-cbor"
                                + " (0x71)");
        assertThat(invalid("01551320" + digest)).contains("multihash code 0x13 is not supported");
        assertThat(invalid("01551210" + "00".repeat(16)))
                .contains("digest length 16 at offset 3 is not the 32 bytes of sha2-256");
        assertThat(invalid("01551220" + digest + "00"))
                .contains("1 unexpected bytes follow the multihash at byte 36");
        assertThat(invalid("0155")).contains("truncated");
        assertThat(invalid("")).contains("truncated");
    }

    @Test
    void parseErrorsQuoteTheText() {
        String text = Multibase.encode(HEX.parseHex("01701220" + "00".repeat(32)));
        assertThatThrownBy(() -> Cid.parse(text))
                .isInstanceOf(InvalidCidException.class)
                .hasMessageStartingWith("invalid CID '" + text + "': content codec 0x70");
    }

    private static String invalid(String hex) {
        try {
            Cid.fromBytes(HEX.parseHex(hex));
        } catch (InvalidCidException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + hex);
    }
}
