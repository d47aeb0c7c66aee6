package io.cere.stack.bench;

import io.cere.stack.servers.FreePorts;
import io.cere.stack.servers.Readiness;
import io.cere.stack.servers.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The storage benchmark's baseline: S3Proxy from Maven Central, a single-node S3 server over the
 * local file system (jclouds' {@value #PROVIDER} provider), in its own supervised JVM. Its jar
 * comes from the class path file this module's build writes, so none of its libraries meet ours.
 *
 * <p>Its store writes each object to a file and renames it into place without fsync, so its PUTs
 * promise less durability than the cluster's, whose shards are all on disk before it answers.
 *
 * <p>Its directory holds {@code s3proxy.properties}, {@code s3proxy.log}, {@code data/} (the
 * buckets, one directory each) and {@code tmp/}.
 */
final class S3ProxyServer implements S3UnderTest {

    /** Written by this module's build (maven-dependency-plugin, the provided s3proxy jar). */
    static final String CLASS_PATH_RESOURCE = "/io/cere/stack/bench/s3proxy.classpath";

    static final String MAIN_CLASS = "org.gaul.s3proxy.Main";

    /**
     * jclouds' file-system blob store on NIO.2; S3Proxy logs the older {@code filesystem} provider
     * as deprecated in its favour.
     */
    static final String PROVIDER = "filesystem-nio2";

    static final String HEAP = "512m";

    private final ServerProcess process;
    private final URI endpoint;
    private final String version;
    private final Duration startTimeout;

    private S3ProxyServer(
            ServerProcess process, URI endpoint, String version, Duration startTimeout) {
        this.process = process;
        this.endpoint = endpoint;
        this.version = version;
        this.startTimeout = startTimeout;
    }

    /** Starts the JVM on a free loopback port and returns without waiting for it. */
    static S3ProxyServer launch(Path dir, S3AccessKey key, Duration startTimeout)
            throws IOException {
        List<Path> classPath = classPath();
        int port = FreePorts.pick();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path data = Files.createDirectories(dir.resolve("data"));
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, properties(endpoint, key, data), StandardCharsets.UTF_8);
        ServerProcess process =
                ServerProcess.builder()
                        .name("S3Proxy")
                        .mainClass(MAIN_CLASS)
                        .classPath(classPath)
                        .args("--properties", properties.toAbsolutePath().toString())
                        .heap(HEAP)
                        .workingDir(dir)
                        .logFile(dir.resolve("s3proxy.log"))
                        .tmpDir(dir.resolve("tmp"))
                        // Its logback configuration reads the level from here; requests are not
                        // logged at INFO either, so this only keeps start-up chatter out.
                        .environment("LOG_LEVEL", "warn")
                        .start();
        return new S3ProxyServer(process, endpoint, version(classPath), startTimeout);
    }

    /** The properties file S3Proxy is started with. */
    static String properties(URI endpoint, S3AccessKey key, Path data) {
        return String.join(
                "\n",
                "# Written by " + S3ProxyServer.class.getName() + " for one benchmark run.",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + key.id(),
                "s3proxy.credential=" + key.secret(),
                "jclouds.provider=" + PROVIDER,
                "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
                // Required by the provider, which has nothing to sign in to.
                "jclouds.identity=local",
                "jclouds.credential=local",
                "");
    }

    @Override
    public void awaitReady() throws Exception {
        try {
            process.waitUntil(
                    startTimeout, Readiness.portAccepting(endpoint.getHost(), endpoint.getPort()));
        } catch (Exception e) {
            process.kill();
            throw e;
        }
    }

    @Override
    public String description() {
        return "S3Proxy " + version + " (" + PROVIDER + ", 1 JVM, -Xmx" + HEAP + ")";
    }

    @Override
    public List<URI> endpoints() {
        return List.of(endpoint);
    }

    @Override
    public List<ServerJvm> jvms() {
        return List.of(new ServerJvm("s3proxy", process.pid()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.stop(Duration.ofSeconds(10));
        }
    }

    /** The jars listed in {@value #CLASS_PATH_RESOURCE}, each checked to exist here. */
    static List<Path> classPath() throws IOException {
        String text;
        try (InputStream in = S3ProxyServer.class.getResourceAsStream(CLASS_PATH_RESOURCE)) {
            if (in == null) {
                throw new IOException(
                        CLASS_PATH_RESOURCE
                                + " is not on the class path; the cere-bench build writes it"
                                + " (generate-resources)");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        List<Path> jars = new ArrayList<>();
        for (String entry : text.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path jar = Path.of(entry.trim());
            if (!Files.isRegularFile(jar)) {
                throw new IOException(
                        CLASS_PATH_RESOURCE
                                + " names "
                                + jar
                                + ", which does not exist here; rebuild cere-bench on this"
                                + " machine");
            }
            jars.add(jar);
        }
        if (jars.isEmpty()) {
            throw new IOException(CLASS_PATH_RESOURCE + " is empty");
        }
        return jars;
    }

    /** S3Proxy's version, from its jar's manifest. */
    private static String version(List<Path> classPath) {
        for (Path jar : classPath) {
            try (JarFile file = new JarFile(jar.toFile())) {
                if (file.getManifest() != null
                        && MAIN_CLASS.equals(
                                file.getManifest().getMainAttributes().getValue("Main-Class"))) {
                    String version =
                            file.getManifest()
                                    .getMainAttributes()
                                    .getValue("Implementation-Version");
                    return version != null ? version : "(unknown version)";
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the manifest of " + jar, e);
            }
        }
        return "(unknown version)";
    }
}
