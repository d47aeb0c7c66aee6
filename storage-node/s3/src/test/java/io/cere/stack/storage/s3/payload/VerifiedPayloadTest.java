package io.cere.stack.storage.s3.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.s3.S3ErrorCode;
import io.cere.stack.storage.s3.auth.Hex;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class VerifiedPayloadTest {

    private static final byte[] DATA = "hello world".getBytes(StandardCharsets.US_ASCII);
    private static final String MD5 = "5eb63bbbe01eeed093cb22bb8f5acdc3";

    @Test
    void passesABodyThatMatchesEveryCheckAndKnowsItsMd5() throws Exception {
        VerifiedPayload payload =
                payload(DATA.length)
                        .expectSha256(Hex.sha256Hex(DATA))
                        .expectContentMd5(
                                Base64.getEncoder().encodeToString(HexFormat.of().parseHex(MD5)))
                        .expectChecksum(ChecksumAlgorithm.CRC32, () -> Optional.of("DUoRhQ=="));
        assertThat(payload.readAllBytes()).isEqualTo(DATA);
        assertThat(Hex.encode(payload.md5())).isEqualTo(MD5);
        assertThat(payload.rejection()).isEmpty();
    }

    @Test
    void refusesASha256MismatchAtTheEndAndRemembersWhy() throws Exception {
        VerifiedPayload payload = payload(DATA.length).expectSha256(Hex.sha256Hex("other"));
        assertRejected(payload::readAllBytes, S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH);
        assertThat(payload.rejection())
                .hasValueSatisfying(
                        e ->
                                assertThat(e.code())
                                        .isEqualTo(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH));
        assertRejected(payload::read, S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH);
    }

    @Test
    void refusesAContentMd5OrChecksumMismatch() {
        assertRejected(
                () ->
                        payload(DATA.length)
                                .expectContentMd5("AAAAAAAAAAAAAAAAAAAAAA==")
                                .readAllBytes(),
                S3ErrorCode.BAD_DIGEST);
        assertRejected(
                () ->
                        payload(DATA.length)
                                .expectChecksum(
                                        ChecksumAlgorithm.CRC32, () -> Optional.of("AAAAAA=="))
                                .readAllBytes(),
                S3ErrorCode.BAD_DIGEST);
        assertRejected(
                () ->
                        payload(DATA.length)
                                .expectChecksum(ChecksumAlgorithm.SHA256, Optional::empty)
                                .readAllBytes(),
                S3ErrorCode.BAD_DIGEST);
    }

    @Test
    void refusesABodyShorterOrLongerThanDeclared() {
        assertRejected(() -> payload(DATA.length + 1).readAllBytes(), S3ErrorCode.INCOMPLETE_BODY);
        assertRejected(() -> payload(DATA.length - 1).readAllBytes(), S3ErrorCode.INVALID_REQUEST);
    }

    @Test
    void finishReadsWhatTheConsumerLeftSoTheChecksStillRun() throws Exception {
        VerifiedPayload payload = payload(DATA.length).expectSha256(Hex.sha256Hex("other"));
        payload.read(new byte[3]);
        assertRejected(payload::finish, S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH);
    }

    @Test
    void checksumsMatchKnownValues() {
        assertThat(checksum(ChecksumAlgorithm.CRC32, DATA)).isEqualTo("DUoRhQ==");
        assertThat(
                        checksum(
                                ChecksumAlgorithm.CRC32C,
                                "a".repeat(66560).getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sOO8/Q==");
        assertThat(checksum(ChecksumAlgorithm.SHA256, new byte[0]))
                .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(checksum(ChecksumAlgorithm.SHA1, new byte[0]))
                .isEqualTo("2jmj7l5rSw0yVb/vlWAYkK/YBwk=");
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(new byte[32], 0, 32);
        assertThat(crc.getValue()).isEqualTo(0xcf3473434d4ecf3bL);
        crc.reset();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9);
        assertThat(crc.getValue()).isEqualTo(0xae8b14860a799888L);
    }

    private static String checksum(ChecksumAlgorithm algorithm, byte[] data) {
        ChecksumAlgorithm.RunningChecksum checksum = algorithm.start();
        checksum.update(data, 0, data.length);
        return checksum.base64();
    }

    private static VerifiedPayload payload(long declared) {
        return new VerifiedPayload(new ByteArrayInputStream(DATA), declared);
    }

    private static void assertRejected(ThrowableAssert.ThrowingCallable call, S3ErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        PayloadRejectedException.class,
                        e -> assertThat(e.rejection().code()).isEqualTo(code));
    }
}
