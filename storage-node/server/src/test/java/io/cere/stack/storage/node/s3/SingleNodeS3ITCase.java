package io.cere.stack.storage.node.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.storage.node.S3Api;
import io.cere.stack.storage.node.StorageNode;
import io.cere.stack.storage.node.config.ClusterConfig;
import io.cere.stack.storage.node.config.NodeSettings;
import io.cere.stack.storage.node.testutils.NodeClient;
import io.cere.stack.storage.node.testutils.NodeProcesses;
import io.cere.stack.storage.s3.S3ContractSuite;
import io.cere.stack.storage.s3.S3Options;
import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.auth.Credentials;
import io.cere.stack.storage.s3.backend.ActivityListener;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The S3 contract against one storage node (k=1, m=0) running in the test's JVM. */
class SingleNodeS3ITCase extends S3ContractSuite {

    private static final AccessKey KEY = new AccessKey("contract-suite", "contract-suite-secret");

    @TempDir static Path dir;
    private StorageNode node;

    @BeforeAll
    void startNode() throws Exception {
        int port = NodeProcesses.ports(1)[0];
        ClusterConfig config =
                ClusterConfig.builder()
                        .source("single-node test cluster")
                        .k(1)
                        .m(0)
                        .member("solo", URI.create("http://127.0.0.1:" + port))
                        .build();
        node =
                StorageNode.start(
                        NodeSettings.of(config, "solo", dir, null),
                        new S3Api(
                                Credentials.of(KEY), S3Options.defaults(), ActivityListener.NONE));
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
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
