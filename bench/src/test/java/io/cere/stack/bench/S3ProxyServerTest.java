package io.cere.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class S3ProxyServerTest {

    @Test
    void propertiesServeSignedS3OverTheFileSystemOnTheGivenEndpoint() throws Exception {
        S3AccessKey key = new S3AccessKey("cere-bench", "0123456789abcdef");
        Path data = Path.of("/var/tmp/bench/data");

        Properties properties = new Properties();
        properties.load(
                new StringReader(
                        S3ProxyServer.properties(URI.create("http://127.0.0.1:9555"), key, data)));

        assertThat(properties)
                .containsEntry("s3proxy.endpoint", "http://127.0.0.1:9555")
                .containsEntry("s3proxy.authorization", "aws-v2-or-v4")
                .containsEntry("s3proxy.identity", "cere-bench")
                .containsEntry("s3proxy.credential", "0123456789abcdef")
                .containsEntry("jclouds.provider", "filesystem-nio2")
                .containsEntry("jclouds.filesystem.basedir", "/var/tmp/bench/data");
    }

    @Test
    void classPathIsTheS3ProxyJarTheBuildResolved() throws Exception {
        List<Path> classPath = S3ProxyServer.classPath();

        assertThat(classPath).hasSize(1);
        assertThat(classPath.get(0).getFileName().toString())
                .startsWith("s3proxy-")
                .endsWith("-jar-with-dependencies.jar");
        assertThat(Files.isRegularFile(classPath.get(0))).isTrue();
    }

    @Test
    void accessKeyNeverShowsItsSecret() {
        S3AccessKey key = S3AccessKey.random("cere-bench");

        assertThat(key.secret()).hasSize(40);
        assertThat(key.toString()).doesNotContain(key.secret()).contains("cere-bench");
    }
}
