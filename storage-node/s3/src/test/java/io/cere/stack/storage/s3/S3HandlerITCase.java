package io.cere.stack.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.auth.Credentials;
import io.cere.stack.storage.s3.auth.Hex;
import io.cere.stack.storage.s3.backend.ActivityListener;
import io.cere.stack.storage.s3.testutils.DirectoryBlobStore;
import io.cere.stack.storage.s3.testutils.FaultyBlobStore;
import io.cere.stack.storage.s3.testutils.RawHttp;
import io.cere.stack.storage.s3.testutils.ReferenceS3Server;
import io.cere.stack.storage.s3.testutils.S3Clients;
import io.cere.stack.storage.s3.testutils.SortedMapMetadataIndex;
import io.cere.stack.storage.s3.testutils.TestSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Response;

/**
 * What the S3 handler promises to the node that mounts it, beyond the S3 contract: which payload
 * modes real clients use, the activity it reports, how it answers a cluster that cannot serve, and
 * virtual-host addressing.
 */
class S3HandlerITCase {

    private static final AccessKey KEY = new AccessKey("handler-test", "handler-test-secret");

    /** One served operation, as the activity listener heard it. */
    private record Served(
            ActivityListener.Operation operation,
            String bucket,
            String cid,
            long bytes,
            String requestId) {}

    @TempDir Path directory;
    private final BlockingQueue<Served> served = new LinkedBlockingQueue<>();
    private DirectoryBlobStore blobs;
    private FaultyBlobStore faulty;
    private ReferenceS3Server server;
    private S3Client aws;

    @BeforeEach
    void start() throws IOException {
        blobs = new DirectoryBlobStore(directory);
        faulty = new FaultyBlobStore(blobs);
        server =
                new ReferenceS3Server(
                        faulty,
                        new SortedMapMetadataIndex(),
                        (operation, bucket, cid, bytes, requestId) ->
                                served.add(new Served(operation, bucket, cid, bytes, requestId)),
                        Credentials.of(KEY),
                        S3Options.builder().baseDomain("s3.test").build());
        aws = S3Clients.aws(server.endpoint(), KEY, S3Options.DEFAULT_REGION);
        aws.createBucket(b -> b.bucket("bucket"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        aws.close();
        server.close();
    }

    @Test
    void awsSdkSendsChecksumTrailersByDefaultAndSignedHashesWithoutChunking() {
        aws.putObject(b -> b.bucket("bucket").key("default"), RequestBody.fromString("x"));
        try (S3Client plain =
                S3Clients.aws(
                        server.endpoint(),
                        KEY,
                        S3Options.DEFAULT_REGION,
                        RequestChecksumCalculation.WHEN_REQUIRED,
                        false)) {
            plain.putObject(b -> b.bucket("bucket").key("plain"), RequestBody.fromString("y"));
        }
        List<String> puts =
                server.payloadHashes().stream().filter(h -> h.startsWith("PUT ")).toList();
        // PUT bucket, PUT default, PUT plain
        assertThat(puts).hasSize(3);
        // Over plain HTTP the SDK signs every chunk and the checksum trailer.
        assertThat(puts.get(1)).isEqualTo("PUT STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        assertThat(puts.get(2)).matches("PUT [0-9a-f]{64}");
    }

    @Test
    void reportsEachPutGetAndDeleteWithItsBytesAndRequestId() throws InterruptedException {
        byte[] data = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        var put = aws.putObject(b -> b.bucket("bucket").key("k"), RequestBody.fromBytes(data));
        String cid = put.sdkHttpResponse().firstMatchingHeader(S3Handler.CID_HEADER).orElseThrow();
        String putId = requestId(put);
        var range = aws.getObjectAsBytes(b -> b.bucket("bucket").key("k").range("bytes=0-4"));
        aws.headObject(b -> b.bucket("bucket").key("k"));
        String deleteId = requestId(aws.deleteObject(b -> b.bucket("bucket").key("k")));

        // Reported once each answer has been sent, so possibly just after the client has it.
        List<Served> reported = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            reported.add(served.poll(10, TimeUnit.SECONDS));
        }
        assertThat(reported)
                .containsExactly(
                        new Served(ActivityListener.Operation.PUT, "bucket", cid, 12, putId),
                        new Served(
                                ActivityListener.Operation.GET,
                                "bucket",
                                cid,
                                5,
                                requestId(range.response())),
                        new Served(ActivityListener.Operation.DELETE, "bucket", cid, 12, deleteId));
        assertThat(reported.stream().map(Served::requestId).distinct()).hasSize(3);
        assertThat(served.poll(100, TimeUnit.MILLISECONDS)).as("nothing for HEAD").isNull();
    }

    @Test
    void unavailableStorageIsServiceUnavailableAndWritesNothing() throws IOException {
        faulty.unavailable(true);
        RawHttp.Response response = signedPut("/bucket/k", "data");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("retry-after")).isEqualTo("1");
        assertThat(response.bodyText()).contains("<Code>ServiceUnavailable</Code>");
        faulty.unavailable(false);
        assertThat(aws.listObjectsV2(b -> b.bucket("bucket")).contents()).isEmpty();
        assertThat(served).isEmpty();
    }

    @Test
    void aReadThatBreaksOffAfterTheHeadersDropsTheConnection() throws IOException {
        aws.putObject(b -> b.bucket("bucket").key("k"), RequestBody.fromBytes(new byte[200_000]));
        faulty.breakReadsAfter(100_000);
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", "127.0.0.1:" + server.port());
        TestSigner.Signed get =
                new TestSigner(KEY, S3Options.DEFAULT_REGION)
                        .sign("GET", "/bucket/k", "", headers, Hex.EMPTY_SHA256, Instant.now());
        // RawHttp asks for one request per connection but reads by Content-Length: it returns
        // early only because the server closed the connection instead of leaving it hanging.
        RawHttp.Response truncated =
                RawHttp.send(server.endpoint(), "GET", get.target(), get.headers(), new byte[0]);
        assertThat(truncated.status()).isEqualTo(200);
        assertThat(truncated.header("content-length")).isEqualTo("200000");
        assertThat(truncated.body().length).isEqualTo(100_000);

        faulty.breakReadsAfter(-1);
        assertThat(aws.getObjectAsBytes(b -> b.bucket("bucket").key("k")).asByteArray())
                .hasSize(200_000);
    }

    @Test
    void aBodyThatFailsItsHashLeavesNoBlobBehind() throws IOException {
        long before = blobs.count();
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", "127.0.0.1:" + server.port());
        headers.put("content-length", "4");
        TestSigner.Signed put =
                new TestSigner(KEY, S3Options.DEFAULT_REGION)
                        .sign(
                                "PUT",
                                "/bucket/k",
                                "",
                                headers,
                                Hex.sha256Hex("other"),
                                Instant.now());
        RawHttp.Response response =
                RawHttp.send(
                        server.endpoint(),
                        "PUT",
                        put.target(),
                        put.headers(),
                        "data".getBytes(StandardCharsets.UTF_8));
        assertThat(response.bodyText()).contains("XAmzContentSHA256Mismatch");
        assertThat(blobs.count()).isEqualTo(before);
    }

    @Test
    void virtualHostStyleAddressesTheBucketByHostName() throws IOException {
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", "bucket.s3.test:" + server.port());
        headers.put("content-length", "5");
        TestSigner signer = new TestSigner(KEY, S3Options.DEFAULT_REGION);
        TestSigner.Signed put =
                signer.sign("PUT", "/vhost.txt", "", headers, "UNSIGNED-PAYLOAD", Instant.now());
        assertThat(
                        RawHttp.send(
                                        server.endpoint(),
                                        "PUT",
                                        put.target(),
                                        put.headers(),
                                        "hello".getBytes(StandardCharsets.UTF_8))
                                .status())
                .isEqualTo(200);
        assertThat(aws.getObjectAsBytes(b -> b.bucket("bucket").key("vhost.txt")).asUtf8String())
                .isEqualTo("hello");

        headers.remove("content-length");
        TestSigner.Signed list =
                signer.sign("GET", "/", "list-type=2", headers, Hex.EMPTY_SHA256, Instant.now());
        RawHttp.Response listing =
                RawHttp.send(server.endpoint(), "GET", list.target(), list.headers(), new byte[0]);
        assertThat(listing.bodyText()).contains("<Key>vhost.txt</Key>");
    }

    private static String requestId(S3Response response) {
        return response.sdkHttpResponse().firstMatchingHeader("x-amz-request-id").orElseThrow();
    }

    private RawHttp.Response signedPut(String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", "127.0.0.1:" + server.port());
        headers.put("content-length", Integer.toString(bytes.length));
        TestSigner.Signed put =
                new TestSigner(KEY, S3Options.DEFAULT_REGION)
                        .sign("PUT", path, "", headers, Hex.sha256Hex(bytes), Instant.now());
        return RawHttp.send(server.endpoint(), "PUT", put.target(), put.headers(), bytes);
    }
}
