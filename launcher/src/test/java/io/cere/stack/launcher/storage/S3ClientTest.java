package io.cere.stack.launcher.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.launcher.storage.testutils.InProcessS3;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.client.ProgressListener;
import io.cere.stack.storage.s3.auth.AccessKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's S3 requests against the storage node's own S3 handler. */
class S3ClientTest {

    private static final AccessKey KEY = S3KeyFile.generate(new Random(3L));

    @TempDir Path dir;

    private InProcessS3 server;
    private S3Client s3;

    @BeforeEach
    void startServer() throws Exception {
        server = new InProcessS3(KEY);
        s3 = new S3Client(server.url(), KEY, "us-east-1", Clock.systemUTC());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void putsAFileAndReadsBackItsCidFromTheListing() throws Exception {
        byte[] content = new byte[300_000];
        new Random(1L).nextBytes(content);
        Path file = Files.write(dir.resolve("photo one.jpg"), content);
        AtomicLong sent = new AtomicLong();

        s3.ensureBucket("files");
        s3.ensureBucket("files");
        String cid = s3.putObject("files", "photos/photo one.jpg", file, (n, t) -> sent.set(n));

        assertThat(cid)
                .isEqualTo(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, content).toString());
        assertThat(sent.get()).isEqualTo(content.length);
        assertThat(s3.listBuckets()).containsExactly("files");
        assertThat(s3.listObjects("files"))
                .singleElement()
                .satisfies(
                        object -> {
                            assertThat(object.key()).isEqualTo("photos/photo one.jpg");
                            assertThat(object.size()).isEqualTo(content.length);
                        });
        assertThat(s3.cidOf("files", "photos/photo one.jpg")).isEqualTo(cid);
    }

    @Test
    void aWrongSecretIsRefusedWithS3sCode() throws Exception {
        S3Client wrong =
                new S3Client(
                        server.url(),
                        new AccessKey(KEY.id(), "not-the-secret"),
                        "us-east-1",
                        Clock.systemUTC());

        assertThatThrownBy(() -> wrong.ensureBucket("files"))
                .isInstanceOf(S3Client.S3RequestException.class)
                .hasMessageContaining("the S3 API at " + server.url())
                .hasMessageContaining("answered PUT /files with 403 SignatureDoesNotMatch");
    }

    @Test
    void aClockTooFarOffIsRefused() {
        S3Client late =
                new S3Client(
                        server.url(),
                        KEY,
                        "us-east-1",
                        Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));

        assertThatThrownBy(late::listBuckets)
                .isInstanceOf(S3Client.S3RequestException.class)
                .hasMessageContaining("403");
    }

    @Test
    void aMissingObjectIsNamed() throws Exception {
        s3.ensureBucket("files");

        assertThatThrownBy(() -> s3.cidOf("files", "nothing"))
                .isInstanceOf(S3Client.S3RequestException.class)
                .hasMessageContaining("answered HEAD /files/nothing with 404");
    }

    @Test
    void listsObjectsInKeyOrder() throws Exception {
        s3.ensureBucket("files");
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        for (String key : new String[] {"b", "a", "c/d"}) {
            s3.putObject("files", key, file, ProgressListener.NONE);
        }

        assertThat(s3.listObjects("files"))
                .extracting(S3Listings.ListedObject::key)
                .containsExactly("a", "b", "c/d");
    }
}
