package io.cere.stack.storage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.node.config.ClusterConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeCommandLineTest {

    @Test
    void readsEveryOption() {
        NodeCommandLine line =
                NodeCommandLine.parse(
                        "--cluster",
                        "c.json",
                        "--node",
                        "n1",
                        "--data",
                        "d",
                        "--port",
                        "0",
                        "--cluster-secret",
                        "secret",
                        "--s3-credentials",
                        "keys",
                        "--s3-domain",
                        "s3.local",
                        "--s3-domain",
                        "s3.test");

        assertThat(line.clusterFile()).isEqualTo(Path.of("c.json"));
        assertThat(line.nodeId()).isEqualTo("n1");
        assertThat(line.dataDir()).isEqualTo(Path.of("d"));
        assertThat(line.port()).isZero();
        assertThat(line.clusterSecret()).isEqualTo(Path.of("secret"));
        assertThat(line.s3Credentials()).isEqualTo(Path.of("keys"));
        assertThat(line.s3Domains()).containsExactly("s3.local", "s3.test");
    }

    @Test
    void leavesTheClusterSecretOutUnlessGiven() {
        NodeCommandLine line =
                NodeCommandLine.parse("--cluster", "c", "--node", "n", "--data", "d");

        assertThat(line.clusterSecret()).isNull();
        assertThat(NodeCommandLine.USAGE).contains("[--cluster-secret FILE]");
    }

    @Test
    void namesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> NodeCommandLine.parse("--cluster", "c.json", "--data", "d"))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessageStartingWith("--node is missing; usage: NodeMain --cluster FILE");
        assertThatThrownBy(() -> NodeCommandLine.parse("--cluster"))
                .hasMessageStartingWith("--cluster needs a value");
        assertThatThrownBy(() -> NodeCommandLine.parse("--colour", "red"))
                .hasMessageStartingWith("unknown option --colour");
        assertThatThrownBy(
                        () ->
                                NodeCommandLine.parse(
                                        "--cluster",
                                        "c",
                                        "--node",
                                        "n",
                                        "--data",
                                        "d",
                                        "--port",
                                        "99999"))
                .hasMessage("--port is '99999'; expected a number 0..65535");
        assertThatThrownBy(
                        () ->
                                NodeCommandLine.parse(
                                        "--cluster",
                                        "c",
                                        "--node",
                                        "n",
                                        "--data",
                                        "d",
                                        "--s3-domain",
                                        "x"))
                .hasMessageStartingWith("--s3-domain needs --s3-credentials");
    }
}
