package io.cere.stack.storage.s3;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BucketNameTest {

    @Test
    void acceptsS3Names() {
        for (String name :
                new String[] {
                    "abc", "my-bucket", "my.bucket.2", "a".repeat(63), "cas2", "health-data"
                }) {
            assertThatCode(() -> BucketName.validate(name)).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void refusesTheNodesOwnResourcesAndMisshapenNames() {
        for (String name :
                new String[] {
                    "cas",
                    "health",
                    "metrics",
                    "internal",
                    "ab",
                    "a".repeat(64),
                    "Upper",
                    "-ab",
                    "ab-",
                    "a..b",
                    "a.-b",
                    "a_b",
                    "192.168.0.1",
                    "a/b"
                }) {
            assertThatThrownBy(() -> BucketName.validate(name))
                    .as(name)
                    .isInstanceOf(S3Exception.class)
                    .hasMessageContaining("'" + name + "'");
        }
    }
}
