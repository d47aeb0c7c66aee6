package io.cere.stack.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestAddressTest {

    private static final List<String> DOMAINS = List.of("s3.local");

    @Test
    void pathStyleTakesTheFirstSegment() {
        assertThat(RequestAddress.resolve("127.0.0.1:9101", "/", DOMAINS))
                .isEqualTo(new RequestAddress(null, ""));
        assertThat(RequestAddress.resolve("127.0.0.1:9101", "/b", DOMAINS))
                .isEqualTo(new RequestAddress("b", ""));
        assertThat(RequestAddress.resolve("127.0.0.1:9101", "/b/", DOMAINS))
                .isEqualTo(new RequestAddress("b", ""));
        assertThat(RequestAddress.resolve("s3.local:9101", "/b/x/y/", DOMAINS))
                .isEqualTo(new RequestAddress("b", "x/y/"));
        assertThat(RequestAddress.resolve(null, "/b/k", DOMAINS))
                .isEqualTo(new RequestAddress("b", "k"));
    }

    @Test
    void virtualHostStyleTakesTheBucketFromTheHost() {
        assertThat(RequestAddress.resolve("photos.s3.local:9101", "/a/b.jpg", DOMAINS))
                .isEqualTo(new RequestAddress("photos", "a/b.jpg"));
        assertThat(RequestAddress.resolve("My.Photos.S3.LOCAL", "/", DOMAINS))
                .isEqualTo(new RequestAddress("my.photos", ""));
        assertThat(RequestAddress.resolve("photos.s3.other", "/k", DOMAINS))
                .isEqualTo(new RequestAddress("k", ""));
        assertThat(RequestAddress.resolve("[::1]:9101", "/b/k", DOMAINS))
                .isEqualTo(new RequestAddress("b", "k"));
    }
}
