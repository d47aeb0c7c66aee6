package io.cere.stack.storage.s3;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectKeyTest {

    @Test
    void acceptsOrdinaryKeysIncludingDotsInsideNames() {
        for (String key :
                new String[] {"a", "dir/file.txt", "a..b", ".hidden/..x", "x/./y", "ключ", "a/"}) {
            assertThatCode(() -> ObjectKey.validate(key)).as(key).doesNotThrowAnyException();
        }
    }

    @Test
    void refusesDotDotSegmentsWherever() {
        for (String key : new String[] {"..", "../a", "a/..", "a/../b", "a//../b"}) {
            assertRefused(key, S3ErrorCode.INVALID_ARGUMENT, "'..'");
        }
    }

    @Test
    void refusesNulEmptyAndTooLongKeys() {
        assertRefused("a\0b", S3ErrorCode.INVALID_ARGUMENT, "NUL");
        assertRefused("", S3ErrorCode.INVALID_ARGUMENT, "empty");
        assertRefused("é".repeat(513), S3ErrorCode.KEY_TOO_LONG, "1026 bytes");
        assertThatCode(() -> ObjectKey.validate("x".repeat(1024))).doesNotThrowAnyException();
    }

    private static void assertRefused(String key, S3ErrorCode code, String message) {
        assertThatThrownBy(() -> ObjectKey.validate(key))
                .isInstanceOfSatisfying(
                        S3Exception.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(message);
    }
}
