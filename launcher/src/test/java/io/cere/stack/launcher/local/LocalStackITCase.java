package io.cere.stack.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.launcher.keys.SigningKey;
import io.cere.stack.launcher.send.EnvelopeFactory;
import io.cere.stack.servers.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bin/cere local} as a user runs it: a real process on free ports with its own data
 * directory, driven with {@code bin/cere keygen}, {@code send}, {@code tail} and {@code storage},
 * then stopped with SIGTERM. The stack is started once for all tests; they run in order, the stop
 * last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackITCase {

    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(240);
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(120);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Kafka, the gateway, Flink and the storage nodes. */
    private static final int SERVERS = 3 + LocalStackOptions.STORAGE_NODES;

    private static Path module;
    private static Path work;
    private static Path dataDir;
    private static int kafkaPort;
    private static int controllerPort;
    private static int gatewayPort;
    private static int flinkPort;
    private static int storageBasePort;
    private static Process launcher;
    private static Path launcherOut;
    private static Path launcherErr;

    @BeforeAll
    static void startStack() throws Exception {
        module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        work = module.resolve("target/local-stack-itcase");
        deleteRecursively(work);
        Files.createDirectories(work);
        dataDir = work.resolve("data");
        int[] ports = FreePorts.pick(4);
        kafkaPort = ports[0];
        controllerPort = ports[1];
        gatewayPort = ports[2];
        flinkPort = ports[3];
        storageBasePort = FreePorts.pickConsecutive(LocalStackOptions.STORAGE_NODES);
        launcherOut = work.resolve("launcher.out");
        launcherErr = work.resolve("launcher.err");
        launcher =
                cere(localArgs(dataDir))
                        .redirectOutput(launcherOut.toFile())
                        .redirectError(launcherErr.toFile())
                        .start();

        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (!read(launcherOut).contains(Banner.READY_LINE)) {
            if (!launcher.isAlive()) {
                fail(
                        "bin/cere local exited with %d before its banner.%nstderr:%n%s",
                        launcher.exitValue(), read(launcherErr));
            }
            if (System.nanoTime() > deadline) {
                fail(
                        "no banner from bin/cere local within %s.%nstderr:%n%s",
                        STARTUP_DEADLINE, read(launcherErr));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void killWhatIsLeft() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // The servers exit on their own once the launcher is gone (Supervised); make sure.
        for (long pid : recordedPids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    @Order(1)
    void printsOneBannerWithEveryUrl() throws Exception {
        String out = read(launcherOut);
        assertThat(out.split(Banner.READY_LINE, -1)).hasSize(2);
        assertThat(out)
                .contains("http://127.0.0.1:" + flinkPort)
                .contains("http://127.0.0.1:" + gatewayPort + "/events")
                .contains("127.0.0.1:" + kafkaPort)
                .contains("events.raw (2), events.valid (2), events.rejected (1), activity (2)")
                .contains(dataDir.toString())
                .contains("bin/cere keygen --data-dir " + dataDir)
                .contains("S3 endpoint    " + storageUrl(0))
                .contains(storageUrl(0) + " .. " + storageUrl(5))
                .contains("bin/cere storage put FILE --data-dir " + dataDir);
    }

    @Test
    @Order(2)
    void theBannersS3KeyIsTheOneTheNodesReadAndOnlyItsOwnerCanReadIt() throws Exception {
        Path credentials = dataDir.resolve("storage/s3-credentials");
        String[] key =
                Files.readAllLines(credentials).stream()
                        .filter(line -> !line.startsWith("#") && !line.isBlank())
                        .findFirst()
                        .orElseThrow()
                        .split(" ");

        assertThat(read(launcherOut))
                .contains("S3 access key  " + key[0])
                .contains("S3 secret key  " + key[1]);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                .isEqualTo("rw-------");
        for (int node = 1; node <= LocalStackOptions.STORAGE_NODES; node++) {
            assertThat(dataDir.resolve("storage/node-" + node)).isDirectory();
        }
    }

    @Test
    @Order(3)
    void aFileGoesInWithStoragePutAndComesBackByteIdenticalWithGetAndIsListed() throws Exception {
        byte[] content = new byte[5 * (1 << 20) + 12_345];
        new Random(20261121L).nextBytes(content);
        Path file = Files.write(work.resolve("payload.bin"), content);

        Result put =
                run(
                        "storage",
                        "put",
                        file.toString(),
                        "--data-dir",
                        dataDir.toString(),
                        "--progress");
        assertThat(put.code()).as(put.toString()).isZero();
        String cid = put.out().trim();
        assertThat(cid).startsWith("bafy");
        assertThat(put.err()).contains("put payload.bin [").contains("100%");

        Path copy = work.resolve("copy.bin");
        Result get =
                run("storage", "get", cid, "-o", copy.toString(), "--data-dir", dataDir.toString());
        assertThat(get.code()).as(get.toString()).isZero();
        assertThat(copy).hasBinaryContent(content);

        Result toStdout = run("storage", "get", cid, "--data-dir", dataDir.toString());
        assertThat(toStdout.code()).as(toStdout.err()).isZero();
        assertThat(toStdout.outBytes()).isEqualTo(content);

        Result activity =
                run(
                        "tail",
                        "activity",
                        "--bootstrap-servers",
                        bootstrap(),
                        "--from-beginning",
                        "--max",
                        "3",
                        "--timeout",
                        "90s");
        assertThat(activity.code()).as(activity.toString()).isZero();
        assertThat(parseLines(activity.out()))
                .as(activity.out())
                .anySatisfy(
                        record -> {
                            assertThat(record.get("operation").asText()).isEqualTo("PUT");
                            assertThat(record.get("cid").asText()).isEqualTo(cid);
                            assertThat(record.get("bytes").asLong()).isEqualTo(content.length);
                            assertThat(record.get("signature").asText()).hasSize(128);
                        })
                .anySatisfy(
                        record -> {
                            assertThat(record.get("operation").asText()).isEqualTo("GET");
                            assertThat(record.get("cid").asText()).isEqualTo(cid);
                        });

        Result ls = run("storage", "ls", "--data-dir", dataDir.toString());
        assertThat(ls.code()).as(ls.toString()).isZero();
        assertThat(ls.out())
                .containsPattern(cid + " +" + content.length + "  \\S+  files/payload.bin");
    }

    @Test
    @Order(4)
    void sentEventsComeOutOnEventsValid() throws Exception {
        Result keygen = run("keygen", "--data-dir", dataDir.toString());
        assertThat(keygen.code()).as(keygen.toString()).isZero();
        assertThat(keygen.out().trim()).hasSize(64);
        assertThat(dataDir.resolve("keys/default.json")).exists();

        Result single =
                run(
                        "send",
                        "--data-dir",
                        dataDir.toString(),
                        "--gateway",
                        gatewayUrl(),
                        "--app",
                        "itcase",
                        "--type",
                        "single",
                        "--payload",
                        "{\"n\": 1}",
                        "--count",
                        "5");
        assertThat(single.code()).as(single.toString()).isZero();
        List<String> ids = new ArrayList<>(single.out().lines().toList());
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();

        Result batch =
                run(
                        "send",
                        "--data-dir",
                        dataDir.toString(),
                        "--gateway",
                        gatewayUrl(),
                        "--app",
                        "itcase",
                        "--type",
                        "batched",
                        "--payload",
                        "{\"b\": true}",
                        "--count",
                        "3",
                        "--batch",
                        "--batch-size",
                        "3");
        assertThat(batch.code()).as(batch.toString()).isZero();
        List<String> batchIds = batch.out().lines().toList();
        assertThat(batchIds).hasSize(3);
        ids.addAll(batchIds);

        Result tail =
                run(
                        "tail",
                        "events.valid",
                        "--bootstrap-servers",
                        bootstrap(),
                        "--from-beginning",
                        "--max",
                        Integer.toString(ids.size()),
                        "--timeout",
                        "90s");
        assertThat(tail.code()).as(tail.toString()).isZero();
        List<JsonNode> records = parseLines(tail.out());
        assertThat(records)
                .extracting(r -> r.get("id").asText())
                .containsExactlyInAnyOrderElementsOf(ids);
        JsonNode batched =
                records.stream()
                        .filter(r -> r.get("type").asText().equals("batched"))
                        .findFirst()
                        .orElseThrow();
        assertThat(batched.get("batchMode").asBoolean()).isTrue();
        assertThat(batched.get("payload").get("b").asBoolean()).isTrue();
        assertThat(batched.get("accountId").asText()).isEqualTo(keygen.out().trim());
    }

    @Test
    @Order(5)
    void aTamperedEnvelopeComesOutOnEventsRejectedAsBadSignature() throws Exception {
        SigningKey key = SigningKey.readFrom(dataDir.resolve("keys/default.json"));
        ObjectNode envelope =
                new EnvelopeFactory(
                                key,
                                "itcase",
                                "tampered",
                                JsonNodeFactory.instance.objectNode().put("amount", 1))
                        .single();
        ((ObjectNode) envelope.get("payload")).put("amount", 1_000_000);

        HttpResponse<String> response = post(JSON.writeValueAsString(envelope));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        Result tail =
                run(
                        "tail",
                        "events.rejected",
                        "--bootstrap-servers",
                        bootstrap(),
                        "--from-beginning",
                        "--max",
                        "1",
                        "--timeout",
                        "90s");
        assertThat(tail.code()).as(tail.toString()).isZero();
        JsonNode rejected = parseLines(tail.out()).get(0);
        assertThat(rejected.get("reason").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(rejected.get("eventId").asText()).isEqualTo(envelope.get("id").asText());
    }

    @Test
    @Order(6)
    void anEventSignedByNodeCryptoAndCanonicalizeIsAccepted() throws Exception {
        Assumptions.assumeTrue(
                onPath("node"), "node is not installed: the Node interop check is skipped");
        Path nodeDir = module.resolve("target/node");
        Files.createDirectories(nodeDir);
        if (!Files.isDirectory(nodeDir.resolve("node_modules/canonicalize"))) {
            Result npm =
                    exec(
                            new ProcessBuilder(
                                    "npm",
                                    "install",
                                    "--no-audit",
                                    "--no-fund",
                                    "--prefix",
                                    nodeDir.toString(),
                                    "canonicalize"),
                            Duration.ofMinutes(3));
            assertThat(npm.code()).as("npm install canonicalize: " + npm).isZero();
        }
        Path script = nodeDir.resolve("sign-and-post.mjs");
        try (InputStream in = getClass().getResourceAsStream("/node/sign-and-post.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }

        Result node =
                exec(
                        new ProcessBuilder(
                                "node",
                                script.toString(),
                                dataDir.resolve("keys/default.json").toString(),
                                gatewayUrl(),
                                "itcase-node"),
                        COMMAND_DEADLINE);
        assertThat(node.code()).as(node.toString()).isZero();
        String id = node.out().trim();

        // 8 events from sentEventsComeOutOnEventsValid, then this one.
        Result tail =
                run(
                        "tail",
                        "events.valid",
                        "--bootstrap-servers",
                        bootstrap(),
                        "--from-beginning",
                        "--max",
                        "9",
                        "--timeout",
                        "90s");
        assertThat(tail.code()).as(tail.toString()).isZero();
        JsonNode event =
                parseLines(tail.out()).stream()
                        .filter(r -> r.get("id").asText().equals(id))
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError(id + " not on events.valid: " + tail));
        assertThat(event.get("appId").asText()).isEqualTo("itcase-node");
        assertThat(event.get("payload").get("a").asText()).isEqualTo("héllo ✓");
    }

    @Test
    @Order(7)
    void theFlinkWebUiShowsIngestJobRunning() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ui =
                http.send(
                        HttpRequest.newBuilder(URI.create(flinkUrl() + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("text/html"));
        assertThat(ui.body()).containsIgnoringCase("<html");

        HttpResponse<String> jobs =
                http.send(
                        HttpRequest.newBuilder(URI.create(flinkUrl() + "/jobs/overview")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(HttpProbe.isRunning(jobs.body(), "IngestJob")).as(jobs.body()).isTrue();
    }

    @Test
    @Order(8)
    void aSecondLauncherOnTheSamePortsFailsFastNamingThePort() throws Exception {
        long begin = System.nanoTime();
        Result sameDir = run(localArgs(dataDir));
        Result otherDir = run(localArgs(work.resolve("other-data")));
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        assertThat(sameDir.code()).as(sameDir.toString()).isNotZero();
        assertThat(sameDir.err())
                .contains("another `cere local`")
                .contains("port " + kafkaPort + " (Kafka) on 127.0.0.1 is already in use");
        assertThat(otherDir.code()).as(otherDir.toString()).isNotZero();
        assertThat(otherDir.err())
                .contains("port " + kafkaPort + " (Kafka) on 127.0.0.1 is already in use")
                .contains("port " + gatewayPort + " (gateway) on 127.0.0.1 is already in use")
                .contains(
                        "port "
                                + storageBasePort
                                + " (storage node 1) on 127.0.0.1 is already in use");
        assertThat(took).isLessThan(Duration.ofSeconds(60));
        assertThat(launcher.isAlive()).isTrue();
        // The refused launcher left the running stack's files alone.
        assertThat(dataDir.resolve("run/launcher.lock")).exists();
        assertThat(dataDir.resolve("tmp/flink")).isNotEmptyDirectory();
        assertThat(recordedPids()).hasSize(SERVERS);
    }

    @Test
    @Order(9)
    void sigtermStopsEveryServerAndLeavesNoTempFiles() throws Exception {
        List<Long> pids = recordedPids();
        assertThat(pids).as("pid records in " + dataDir.resolve("run")).hasSize(SERVERS);

        launcher.destroy(); // SIGTERM
        boolean exited = launcher.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);

        assertThat(exited).as("launcher exited within " + STOP_DEADLINE).isTrue();
        assertThat(launcher.exitValue()).as(read(launcherErr)).isZero();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("server pid " + pid)
                    .isEmpty();
        }
        assertThat(recordedPids()).isEmpty();
        assertThat(dataDir.resolve("tmp")).isEmptyDirectory();
        assertThat(dataDir.resolve("kafka/kafka-logs")).isDirectory();
        assertThat(dataDir.resolve("storage/node-1/shards")).isNotEmptyDirectory();
        String storageDir = dataDir.resolve("storage").toString();
        assertThat(
                        ProcessHandle.allProcesses()
                                .filter(
                                        p ->
                                                p.info()
                                                        .commandLine()
                                                        .map(c -> c.contains(storageDir))
                                                        .orElse(false))
                                .map(ProcessHandle::pid)
                                .toList())
                .as("processes still running with " + storageDir + " in their command line")
                .isEmpty();
        assertThat(dataDir.resolve("flink/checkpoints")).isDirectory();
    }

    // ---------------------------------------------------------------------------------------

    private static String[] localArgs(Path data) {
        return new String[] {
            "local",
            "--data-dir",
            data.toString(),
            "--kafka-port",
            Integer.toString(kafkaPort),
            "--kafka-controller-port",
            Integer.toString(controllerPort),
            "--gateway-port",
            Integer.toString(gatewayPort),
            "--flink-port",
            Integer.toString(flinkPort),
            "--storage-base-port",
            Integer.toString(storageBasePort),
            "--parallelism",
            "2"
        };
    }

    private static String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    private static String storageUrl(int node) {
        return "http://127.0.0.1:" + (storageBasePort + node);
    }

    private static String flinkUrl() {
        return "http://127.0.0.1:" + flinkPort;
    }

    private static String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(gatewayUrl() + "/events"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** {@code bin/cere} with what it needs to run what this build compiled. */
    private static ProcessBuilder cere(String... args) {
        List<String> command = new ArrayList<>();
        command.add(module.getParent().resolve("bin/cere").toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        // This build has compiled the launcher; a nested Maven build would race it.
        builder.environment().put("CERE_SKIP_BUILD", "1");
        builder.environment().remove("CERE_HOME");
        return builder;
    }

    private static Result run(String... args) throws Exception {
        return exec(cere(args), COMMAND_DEADLINE);
    }

    /** Output of a finished command. */
    private record Result(int code, String out, String err, byte[] outBytes) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private static Result exec(ProcessBuilder builder, Duration deadline) throws Exception {
        Path out = Files.createTempFile(work, "cmd", ".out");
        Path err = Files.createTempFile(work, "cmd", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail(
                    "%s did not finish within %s.%nstderr:%n%s",
                    builder.command(), deadline, read(err));
        }
        byte[] stdout = Files.readAllBytes(out);
        return new Result(
                process.exitValue(), new String(stdout, StandardCharsets.UTF_8), read(err), stdout);
    }

    private static List<JsonNode> parseLines(String text) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : text.lines().filter(l -> !l.isBlank()).toList()) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    private static List<Long> recordedPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        Path run = dataDir.resolve("run");
        if (!Files.isDirectory(run)) {
            return pids;
        }
        try (DirectoryStream<Path> records = Files.newDirectoryStream(run, "*.pid")) {
            for (Path record : records) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(record)) {
                    properties.load(reader);
                }
                pids.add(Long.parseLong(properties.getProperty("pid").trim()));
            }
        }
        return pids;
    }

    private static boolean onPath(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
