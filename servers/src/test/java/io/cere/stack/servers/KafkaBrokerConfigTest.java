package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerConfigTest {

    @TempDir Path dir;

    @Test
    void describesASingleNodeKraftBrokerOnTheGivenPorts() throws Exception {
        Properties p =
                load(
                        KafkaBrokerConfig.serverProperties(
                                "127.0.0.1",
                                19092,
                                19093,
                                dir.resolve("logs"),
                                dir.resolve("meta"),
                                Map.of()));

        assertThat(p)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry(
                        "listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("log.dirs", dir.resolve("logs").toAbsolutePath().toString())
                .containsEntry("metadata.log.dir", dir.resolve("meta").toAbsolutePath().toString())
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void extraSettingsOverrideTheDefaults() throws Exception {
        Properties p =
                load(
                        KafkaBrokerConfig.serverProperties(
                                "127.0.0.1",
                                19092,
                                19093,
                                dir,
                                dir,
                                Map.of("num.partitions", "4", "log.retention.hours", "1")));

        assertThat(p)
                .containsEntry("num.partitions", "4")
                .containsEntry("log.retention.hours", "1");
    }

    @Test
    void keepsPathsWithSpacesBackslashesAndNonAsciiIntact() throws Exception {
        Path odd = dir.resolve("data dir\\ü");
        Properties p =
                load(KafkaBrokerConfig.serverProperties("127.0.0.1", 1, 2, odd, odd, Map.of()));

        assertThat(p.getProperty("log.dirs")).isEqualTo(odd.toAbsolutePath().toString());
    }

    @Test
    void rejectsSettingsThatTheBuilderDerives() {
        assertThatThrownBy(
                        () ->
                                KafkaBroker.builder()
                                        .dataDir(dir)
                                        .properties(Map.of("listeners", "PLAINTEXT://:9092"))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listeners")
                .hasMessageContaining("port(...)");
    }

    @Test
    void rejectsAControllerPortPastTheLastPort() {
        assertThatThrownBy(() -> KafkaBroker.builder().dataDir(dir).port(65535).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("controllerPort is 65536 (port + 1)");
    }

    @Test
    void createsTheClusterIdOnceAndReusesIt() throws Exception {
        Path file = dir.resolve("cluster.id");

        String first = KafkaBrokerConfig.clusterId(file);
        String second = KafkaBrokerConfig.clusterId(file);

        assertThat(first).matches(KafkaBrokerConfig.CLUSTER_ID).hasSize(22);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void clusterIdsAreBase64UrlAndNeverLookLikeAnOption() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            String id = KafkaBrokerConfig.newClusterId(random);
            assertThat(id).hasSize(22).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
        }
    }

    @Test
    void rejectsACorruptClusterIdFile() throws Exception {
        Path file = dir.resolve("cluster.id");
        Files.writeString(file, "not an id\n");

        assertThatThrownBy(() -> KafkaBrokerConfig.clusterId(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'not an id'");
    }

    @Test
    void brokerClassPathNamesExistingJarsAndNoneOfOurs() throws Exception {
        assertThat(KafkaBrokerConfig.brokerClassPath())
                .isNotEmpty()
                .allSatisfy(jar -> assertThat(jar).isRegularFile())
                .anySatisfy(
                        jar -> assertThat(jar.getFileName().toString()).startsWith("kafka_2.13-"))
                .noneSatisfy(jar -> assertThat(jar.toString()).contains("cere-servers"));
    }

    private static Properties load(Map<String, String> settings) throws Exception {
        Properties p = new Properties();
        // Kafka reads the file as a byte stream, i.e. ISO-8859-1.
        byte[] bytes =
                KafkaBrokerConfig.render(settings, "test").getBytes(StandardCharsets.ISO_8859_1);
        p.load(new ByteArrayInputStream(bytes));
        return p;
    }
}
