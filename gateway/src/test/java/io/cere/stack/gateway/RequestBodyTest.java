package io.cere.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    private static final int LIMIT = 100_000;

    @Test
    void readsABodyUpToTheLimit() throws Exception {
        byte[] body = randomBytes(LIMIT);

        assertThat(RequestBody.read(new ByteArrayInputStream(body), LIMIT, LIMIT)).isEqualTo(body);
        assertThat(RequestBody.read(new ByteArrayInputStream(body), -1, LIMIT)).isEqualTo(body);
        assertThat(RequestBody.read(new ByteArrayInputStream(new byte[0]), -1, LIMIT)).isEmpty();
    }

    @Test
    void refusesADeclaredLengthOverTheLimitAndDropsTheBody() {
        CountingStream body = new CountingStream(LIMIT + 1L);

        RejectedRequest rejected =
                catchThrowableOfType(
                        RejectedRequest.class, () -> RequestBody.read(body, LIMIT + 1L, LIMIT));

        assertTooLarge(rejected, false);
        // Read to its end, so the connection can take the next request.
        assertThat(body.read).isEqualTo(LIMIT + 1L);
    }

    @Test
    void refusesAHugeDeclaredLengthWithoutReadingAnything() {
        long huge = RequestBody.SWALLOW_BYTES + 1;
        CountingStream body = new CountingStream(huge);

        RejectedRequest rejected =
                catchThrowableOfType(
                        RejectedRequest.class, () -> RequestBody.read(body, huge, LIMIT));

        assertTooLarge(rejected, true);
        assertThat(body.read).isZero();
    }

    @Test
    void refusesAChunkedBodyOnceItPassesTheLimitAndReadsABoundedAmount() {
        CountingStream endless = new CountingStream(Long.MAX_VALUE);

        RejectedRequest rejected =
                catchThrowableOfType(
                        RejectedRequest.class, () -> RequestBody.read(endless, -1, LIMIT));

        assertTooLarge(rejected, true);
        assertThat(endless.read)
                .isGreaterThan(LIMIT)
                .isLessThanOrEqualTo(LIMIT + 16 * 1024 + RequestBody.SWALLOW_BYTES + 1);
    }

    @Test
    void refusesAChunkedBodySlightlyOverTheLimitAndKeepsTheConnection() {
        CountingStream body = new CountingStream(LIMIT + 10L);

        RejectedRequest rejected =
                catchThrowableOfType(
                        RejectedRequest.class, () -> RequestBody.read(body, -1, LIMIT));

        assertTooLarge(rejected, false);
        assertThat(body.read).isEqualTo(LIMIT + 10L);
    }

    @Test
    void acceptsJsonContentTypes() {
        for (String type :
                new String[] {
                    "application/json",
                    "Application/JSON",
                    "application/json; charset=utf-8",
                    "application/json;charset=\"UTF-8\"",
                }) {
            assertThatCode(() -> RequestBody.checkContentType(type))
                    .as(type)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void refusesOtherContentTypesWith415() {
        for (String type :
                new String[] {
                    null,
                    "",
                    "text/plain",
                    "application/x-www-form-urlencoded",
                    "application/json-patch+json",
                    "application/json; charset=iso-8859-1",
                }) {
            RejectedRequest rejected =
                    catchThrowableOfType(
                            RejectedRequest.class, () -> RequestBody.checkContentType(type));
            assertThat(rejected).as("%s", type).isNotNull();
            assertThat(rejected.status()).isEqualTo(415);
            assertThat(rejected.response().bodyText())
                    .contains("\"error\":\"unsupported_media_type\"")
                    .contains("application/json");
        }
    }

    @Test
    void refusesAContentLengthThatIsNotANumber() throws Exception {
        assertThat(RequestBody.declaredLength(null)).isEqualTo(-1);
        assertThat(RequestBody.declaredLength("12")).isEqualTo(12);
        for (String bad : new String[] {"-1", "twelve", ""}) {
            RejectedRequest rejected =
                    catchThrowableOfType(
                            RejectedRequest.class, () -> RequestBody.declaredLength(bad));
            assertThat(rejected.status()).as(bad).isEqualTo(400);
        }
    }

    private static void assertTooLarge(RejectedRequest rejected, boolean closesConnection) {
        assertThat(rejected).isNotNull();
        assertThat(rejected.status()).isEqualTo(413);
        assertThat(rejected.response().bodyText())
                .isEqualTo(
                        "{\"error\":\"body_too_large\",\"message\":\"request body exceeds "
                                + LIMIT
                                + " bytes\"}");
        if (closesConnection) {
            assertThat(rejected.response().headers()).containsEntry("Connection", "close");
        } else {
            assertThat(rejected.response().headers()).doesNotContainKey("Connection");
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    /** A stream of {@code length} bytes that counts how many were read. */
    private static final class CountingStream extends InputStream {
        private final long length;
        long read;

        CountingStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (read >= length) {
                return -1;
            }
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - read);
            Arrays.fill(b, off, off + n, (byte) 'x');
            read += n;
            return n;
        }
    }
}
