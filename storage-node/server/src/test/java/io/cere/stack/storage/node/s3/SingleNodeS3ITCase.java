package io.cere.stack.storage.node.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.storage.node.S3Api;
import io.cere.stack.storage.node.StorageNode;
import io.cere.stack.storage.node.testutils.NodeClient;
import io.cere.stack.storage.node.testutils.SoloNode;
import io.cere.stack.storage.s3.S3ContractSuite;
import io.cere.stack.storage.s3.S3Options;
import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.auth.Credentials;
import io.cere.stack.storage.s3.auth.Hex;
import io.cere.stack.storage.s3.backend.ActivityListener;
import io.cere.stack.storage.s3.testutils.RawHttp;
import io.cere.stack.storage.s3.testutils.S3Clients;
import io.cere.stack.storage.s3.testutils.TestSigner;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 contract against one storage node (k=1, m=0) running in the test's JVM. */
class SingleNodeS3ITCase extends S3ContractSuite {

    private static final AccessKey KEY = new AccessKey("contract-suite", "contract-suite-secret");
    private static final String BASE_DOMAIN = "s3.test";

    @TempDir static Path dir;
    private StorageNode node;

    @BeforeAll
    void startNode() throws Exception {
        node =
                StorageNode.start(
                        SoloNode.settings("single-node test cluster", dir),
                        new S3Api(
                                Credentials.of(KEY),
                                S3Options.builder().baseDomain(BASE_DOMAIN).build(),
                                ActivityListener.NONE));
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void takesVirtualHostStyleRequestsForItsBaseDomain() throws Exception {
        String bucket = "vhost-bucket";
        try (S3Client aws = S3Clients.aws(node.uri(), KEY, S3Options.DEFAULT_REGION)) {
            aws.createBucket(b -> b.bucket(bucket));
            Map<String, String> headers = new TreeMap<>();
            headers.put("host", bucket + "." + BASE_DOMAIN + ":" + node.port());
            headers.put("content-length", "5");
            TestSigner signer = new TestSigner(KEY, S3Options.DEFAULT_REGION);
            TestSigner.Signed put =
                    signer.sign(
                            "PUT", "/vhost.txt", "", headers, "UNSIGNED-PAYLOAD", Instant.now());

            RawHttp.Response stored =
                    RawHttp.send(
                            node.uri(),
                            "PUT",
                            put.target(),
                            put.headers(),
                            "hello".getBytes(StandardCharsets.UTF_8));

            assertThat(stored.status()).as(stored.bodyText()).isEqualTo(200);
            assertThat(stored.header("x-cere-cid")).startsWith("bafkrei");
            assertThat(aws.getObjectAsBytes(b -> b.bucket(bucket).key("vhost.txt")).asUtf8String())
                    .isEqualTo("hello");
            headers.remove("content-length");
            TestSigner.Signed list =
                    signer.sign(
                            "GET", "/", "list-type=2", headers, Hex.EMPTY_SHA256, Instant.now());
            RawHttp.Response listing =
                    RawHttp.send(node.uri(), "GET", list.target(), list.headers(), new byte[0]);
            assertThat(listing.status()).isEqualTo(200);
            assertThat(listing.bodyText())
                    .contains("<Name>" + bucket + "</Name>")
                    .contains("<Key>vhost.txt</Key>");
        }
    }

    @Override
    protected URI endpoint() {
        return node.uri();
    }

    @Override
    protected AccessKey accessKey() {
        return KEY;
    }

    @Override
    protected byte[] blob(String bucket, String cid) {
        HttpResponse<byte[]> response = new NodeClient().get(node.uri(), bucket, cid, null);
        assertThat(response.statusCode()).as("GET /cas/%s/%s", bucket, cid).isEqualTo(200);
        return response.body();
    }
}
