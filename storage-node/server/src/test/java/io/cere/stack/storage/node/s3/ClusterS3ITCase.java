package io.cere.stack.storage.node.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.storage.node.testutils.NodeClient;
import io.cere.stack.storage.node.testutils.ProcessCluster;
import io.cere.stack.storage.s3.S3ContractSuite;
import io.cere.stack.storage.s3.auth.AccessKey;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 contract against a cluster of six node JVMs (4+2, 1 MiB segments): objects are
 * erasure-coded over the nodes and S3's records replicated in their metadata index.
 */
class ClusterS3ITCase extends S3ContractSuite {

    private static final AccessKey KEY = new AccessKey("contract-suite", "contract-suite-secret");

    @TempDir static Path dir;
    private ProcessCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        Path credentials = dir.resolve("s3-credentials");
        Files.writeString(credentials, KEY.id() + " " + KEY.secret() + "\n");
        cluster =
                ProcessCluster.start(
                        dir.resolve("cluster"),
                        6,
                        "\"k\": 4, \"m\": 2, \"startupTimeout\": \"60s\"",
                        List.of("--s3-credentials", credentials.toAbsolutePath().toString()));
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected URI endpoint() {
        return cluster.uri(2);
    }

    @Override
    protected AccessKey accessKey() {
        return KEY;
    }

    @Override
    protected byte[] blob(String bucket, String cid) {
        HttpResponse<byte[]> response = new NodeClient().get(cluster.uri(4), bucket, cid, null);
        assertThat(response.statusCode()).as("GET /cas/%s/%s", bucket, cid).isEqualTo(200);
        return response.body();
    }
}
