package io.cere.stack.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AwsUriEncodingTest {

    @Test
    void keepsOnlyUnreservedCharactersAndOptionallySlashes() {
        assertThat(AwsUriEncoding.encode("a/b c+~*$é", true)).isEqualTo("a/b%20c%2B~%2A%24%C3%A9");
        assertThat(AwsUriEncoding.encode("a/b", false)).isEqualTo("a%2Fb");
    }

    @Test
    void pathsKeepPlusButQueriesReadItAsSpace() {
        assertThat(AwsUriEncoding.decodePath("a+b%20c")).isEqualTo("a+b c");
        assertThat(AwsUriEncoding.decodeQuery("a+b%2Bc")).isEqualTo("a b+c");
    }

    @Test
    void decodesMultiByteEscapesAndRefusesBrokenOnes() {
        assertThat(AwsUriEncoding.decodePath("%E1%88%B4x")).isEqualTo("\u1234x");
        assertThatThrownBy(() -> AwsUriEncoding.decodePath("a%2"))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> AwsUriEncoding.decodePath("a%zz")).hasMessageContaining("invalid");
        assertThatThrownBy(() -> AwsUriEncoding.decodePath("%C3")).hasMessageContaining("UTF-8");
    }
}
