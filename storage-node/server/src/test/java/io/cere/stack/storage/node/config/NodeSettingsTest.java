package io.cere.stack.storage.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {

    private static final Path DATA = Path.of("data");
    private static final ClusterSecret SECRET =
            ClusterSecret.parse("0123456789abcdef0123456789abcdef", "test secret");

    @Test
    void startsWithoutASecretWhenEveryMemberIsOnLoopback() {
        ClusterConfig config =
                cluster("http://127.0.0.1:9101", "http://localhost:9102", "http://[::1]:9103");

        NodeSettings settings = NodeSettings.of(config, "n1", DATA, null);

        assertThat(settings.clusterSecret()).isEmpty();
        assertThat(settings.toString()).contains("/internal/ open (no cluster secret)");
    }

    @Test
    void refusesToStartWithoutASecretWhenAMemberIsNotOnLoopback() {
        ClusterConfig config =
                cluster("http://127.0.0.1:9101", "http://10.0.0.2:9102", "http://10.0.0.3:9103");

        assertThatThrownBy(() -> NodeSettings.of(config, "n1", DATA, null))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessageStartingWith(
                        "cluster file test.json lists node n2 at http://10.0.0.2:9102, which is"
                                + " not on loopback, and there is no --cluster-secret")
                .hasMessageEndingWith("Pass --cluster-secret FILE, the same file to every node");
    }

    @Test
    void startsWithASecretWhateverTheAddresses() {
        ClusterConfig config = cluster("http://10.0.0.1:9101", "http://storage-2.internal:9102");

        NodeSettings settings = NodeSettings.of(config, "n1", DATA, null, SECRET);

        assertThat(settings.clusterSecret()).containsSame(SECRET);
        assertThat(settings.toString())
                .contains("/internal/ requires the secret in test secret")
                .doesNotContain("0123456789abcdef");
    }

    @Test
    void takesOnlyLoopbackAddressesAndLocalhostAsLoopback() {
        assertThat(member("http://127.0.0.1:1").isLoopback()).isTrue();
        assertThat(member("http://127.255.3.4:1").isLoopback()).isTrue();
        assertThat(member("http://LOCALHOST:1").isLoopback()).isTrue();
        assertThat(member("http://[::1]:1").isLoopback()).isTrue();
        assertThat(member("http://[0:0:0:0:0:0:0:1]:1").isLoopback()).isTrue();

        assertThat(member("http://128.0.0.1:1").isLoopback()).isFalse();
        assertThat(member("http://127.0.0.256:1").isLoopback()).isFalse();
        assertThat(member("http://0.0.0.0:1").isLoopback()).isFalse();
        assertThat(member("http://[::2]:1").isLoopback()).isFalse();
        assertThat(member("http://localhost.example.com:1").isLoopback()).isFalse();
        assertThat(member("http://node-1:1").isLoopback()).isFalse();
    }

    private static ClusterConfig cluster(String... urls) {
        ClusterConfig.Builder builder =
                ClusterConfig.builder().source("cluster file test.json").k(1).m(1);
        for (int i = 0; i < urls.length; i++) {
            builder.member("n" + (i + 1), URI.create(urls[i]));
        }
        return builder.build();
    }

    private static ClusterMember member(String url) {
        return new ClusterMember("n", URI.create(url));
    }
}
