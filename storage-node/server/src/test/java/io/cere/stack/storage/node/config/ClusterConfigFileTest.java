package io.cere.stack.storage.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterConfigFileTest {

    private static final String SIX_NODES =
            """
            "nodes": [
              {"id": "n1", "url": "http://127.0.0.1:9101"},
              {"id": "n2", "url": "http://127.0.0.1:9102"},
              {"id": "n3", "url": "http://127.0.0.1:9103"},
              {"id": "n4", "url": "http://127.0.0.1:9104"},
              {"id": "n5", "url": "http://127.0.0.1:9105"},
              {"id": "n6", "url": "http://127.0.0.1:9106"}
            ]""";

    @Test
    void appliesDefaultsToAFileThatListsOnlyNodes() {
        ClusterConfig config = parse("{" + SIX_NODES + "}");

        assertThat(config.k()).isEqualTo(4);
        assertThat(config.m()).isEqualTo(2);
        assertThat(config.segmentSize()).isEqualTo(1 << 20);
        assertThat(config.members()).hasSize(6);
        assertThat(config.peerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.toString())
                .contains("k=4 m=2", "segment size 1MiB", "n6 (http://127.0.0.1:9106)");
    }

    @Test
    void readsEverySetting() {
        ClusterConfig config =
                parse(
                        """
                        {"k": 3, "m": 1, "segmentSize": "64KiB", "peerTimeout": "250ms",
                         "startupTimeout": "2m", "unreachablePeersAllowedAtStart": 1,
                         "scrub": {"bytesPerSecond": "1MiB", "interval": "0s"},"""
                                + SIX_NODES
                                + "}");

        assertThat(config.k()).isEqualTo(3);
        assertThat(config.m()).isEqualTo(1);
        assertThat(config.segmentSize()).isEqualTo(65536);
        assertThat(config.peerTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.startupTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.unreachablePeersAllowedAtStart()).isEqualTo(1);
        assertThat(config.scrubBytesPerSecond()).isEqualTo(1 << 20);
        assertThat(config.scrubInterval()).isZero();
    }

    @Test
    void refusesMoreShardsThanNodes() {
        assertThatThrownBy(() -> parse("{\"k\": 5, \"m\": 2, " + SIX_NODES + "}"))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessage(
                        "cluster file c.json: k+m is 7 (k 5, m 2); expected at most the number of"
                                + " nodes, since every shard of a segment goes to a different node;"
                                + " nodes lists 6 (n1, n2, n3, n4, n5, n6)");
    }

    @Test
    void refusesDuplicateIds() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        "{\"k\": 1, \"m\": 0, \"nodes\": [{\"id\": \"a\", \"url\":"
                                                + " \"http://h:1\"}, {\"id\": \"a\", \"url\":"
                                                + " \"http://h:2\"}]}"))
                .hasMessage(
                        "cluster file c.json: node id 'a' appears twice (nodes[0] and nodes[1]);"
                                + " every node needs its own id");
    }

    @Test
    void refusesDuplicateUrlsEvenWhenSpelledDifferently() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        "{\"k\": 1, \"m\": 0, \"nodes\": [{\"id\": \"a\", \"url\":"
                                                + " \"http://Host:80/\"}, {\"id\": \"b\", \"url\":"
                                                + " \"http://host\"}]}"))
                .hasMessageContaining("url http://host is given to both node a and node b");
    }

    @Test
    void namesUnknownSettingsAndBadValues() {
        assertThatThrownBy(() -> parse("{\"segmentsize\": 1, " + SIX_NODES + "}"))
                .hasMessageContaining("unknown setting segmentsize");
        assertThatThrownBy(() -> parse("{\"segmentSize\": \"1 MB\", " + SIX_NODES + "}"))
                .hasMessageContaining("segmentSize: '1 MB' is not a size");
        assertThatThrownBy(() -> parse("{\"segmentSize\": 100, " + SIX_NODES + "}"))
                .hasMessageContaining("segmentSize is 100; expected 1KiB..64MiB");
        assertThatThrownBy(() -> parse("{\"k\": \"4\", " + SIX_NODES + "}"))
                .hasMessageContaining("k is \"4\"; expected a whole number");
        assertThatThrownBy(
                        () -> parse("{\"unreachablePeersAllowedAtStart\": 3, " + SIX_NODES + "}"))
                .hasMessageContaining("unreachablePeersAllowedAtStart is 3; expected 0..2");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"id\": \"x\", \"url\": \"ftp://h\"}]}"))
                .hasMessageContaining("nodes[0].url is 'ftp://h' (node x)");
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("must hold a JSON object");
        assertThatThrownBy(() -> parse("{")).hasMessageContaining("is not valid JSON");
    }

    @Test
    void namesAMissingFile() {
        assertThatThrownBy(() -> ClusterConfigFile.load(Path.of("does-not-exist.json")))
                .hasMessageContaining("does-not-exist.json does not exist");
    }

    @Test
    void refusesANodeIdTheFileDoesNotList() {
        ClusterConfig config = parse("{" + SIX_NODES + "}");

        assertThatThrownBy(() -> NodeSettings.of(config, "n7", Path.of("data"), null))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessage(
                        "node id 'n7' is not in the cluster file c.json; it lists n1, n2, n3, n4,"
                                + " n5, n6");
        NodeSettings settings = NodeSettings.of(config, "n3", Path.of("data"), null);
        assertThat(settings.port()).isEqualTo(9103);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.peers()).hasSize(5).doesNotContain(settings.self());
    }

    @Test
    void fingerprintDependsOnWhatNodesMustAgreeOn() {
        String base = parse("{" + SIX_NODES + "}").fingerprint();

        assertThat(parse("{\"peerTimeout\": \"1s\", " + SIX_NODES + "}").fingerprint())
                .isEqualTo(base);
        assertThat(parse("{\"m\": 1, " + SIX_NODES + "}").fingerprint()).isNotEqualTo(base);
        assertThat(parse("{" + SIX_NODES.replace("9106", "9107") + "}").fingerprint())
                .isNotEqualTo(base);
    }

    private static ClusterConfig parse(String json) {
        return ClusterConfigFile.parse(json, "cluster file c.json");
    }
}
