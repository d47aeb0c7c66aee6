package io.cere.stack.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void resolvesTheThreeFormsAgainstTheSize() throws S3Exception {
        assertThat(ByteRange.parse("bytes=0-9", 100)).hasValue(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=90-200", 100)).hasValue(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=95-", 100)).hasValue(new ByteRange(95, 99));
        assertThat(ByteRange.parse("bytes=-10", 100)).hasValue(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-1000", 100)).hasValue(new ByteRange(0, 99));
        assertThat(new ByteRange(90, 99).contentRange(100)).isEqualTo("bytes 90-99/100");
        assertThat(new ByteRange(90, 99).length()).isEqualTo(10);
    }

    @Test
    void ignoresWhatIsNotOneWellFormedRange() throws S3Exception {
        for (String header :
                new String[] {
                    null, "items=0-1", "bytes=0-1,5-6", "bytes=5-1", "bytes=a-b", "bytes=7"
                }) {
            assertThat(ByteRange.parse(header, 100))
                    .as(String.valueOf(header))
                    .isEqualTo(Optional.empty());
        }
    }

    @Test
    void refusesRangesOutsideTheObject() {
        for (String header :
                new String[] {"bytes=100-", "bytes=100-200", "bytes=-0", "bytes=0-0"}) {
            long size = header.equals("bytes=0-0") ? 0 : 100;
            assertThatThrownBy(() -> ByteRange.parse(header, size))
                    .as(header)
                    .isInstanceOfSatisfying(
                            S3Exception.class,
                            e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_RANGE));
        }
    }
}
