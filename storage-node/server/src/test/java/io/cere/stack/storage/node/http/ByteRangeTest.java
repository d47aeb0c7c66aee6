package io.cere.stack.storage.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void resolvesTheThreeFormsOfASingleRange() throws Exception {
        assertThat(ByteRange.parse("bytes=10-19", 100)).contains(new ByteRange(10, 10));
        assertThat(ByteRange.parse("bytes=90-", 100)).contains(new ByteRange(90, 10));
        assertThat(ByteRange.parse("bytes=-5", 100)).contains(new ByteRange(95, 5));
        assertThat(ByteRange.parse("bytes=-500", 100)).contains(new ByteRange(0, 100));
        assertThat(ByteRange.parse("bytes=50-5000", 100)).contains(new ByteRange(50, 50));
        assertThat(new ByteRange(10, 10).contentRange(100)).isEqualTo("bytes 10-19/100");
    }

    @Test
    void ignoresWhatIsNotASingleByteRange() throws Exception {
        assertThat(ByteRange.parse(null, 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=9-3", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 100)).isEmpty();
    }

    @Test
    void refusesRangesPastTheEnd() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100))
                .isInstanceOf(ByteRange.UnsatisfiableRangeException.class)
                .hasMessageContaining("after the end of 100 bytes");
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 100))
                .isInstanceOf(ByteRange.UnsatisfiableRangeException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0))
                .isInstanceOf(ByteRange.UnsatisfiableRangeException.class);
    }
}
