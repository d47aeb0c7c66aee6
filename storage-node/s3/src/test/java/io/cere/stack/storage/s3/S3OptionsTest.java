package io.cere.stack.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3OptionsTest {

    @Test
    void defaultsAreS3s() {
        S3Options options = S3Options.defaults();
        assertThat(options.region()).isEqualTo("us-east-1");
        assertThat(options.maxObjectSize()).isEqualTo(5L << 30);
        assertThat(options.maxPartSize()).isEqualTo(5L << 30);
        assertThat(options.baseDomains()).isEmpty();
    }

    @Test
    void refusesValuesOutOfRangeNamingThem() {
        assertThatThrownBy(() -> S3Options.builder().maxObjectSize(0).build())
                .hasMessage("maxObjectSize must be at least 1 byte, was 0");
        assertThatThrownBy(() -> S3Options.builder().maxPartSize(1024).build())
                .hasMessageContaining("maxPartSize must be at least 5242880")
                .hasMessageEndingWith("was 1024");
        assertThatThrownBy(() -> S3Options.builder().region("Not A Region").build())
                .hasMessageContaining("region 'Not A Region'");
        assertThatThrownBy(() -> S3Options.builder().baseDomain("s3.local:9000").build())
                .hasMessageContaining("base domain 's3.local:9000'");
    }
}
