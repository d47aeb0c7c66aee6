package io.cere.stack.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks against what clients run: npm {@code canonicalize} for RFC 8785 and Node's {@code
 * crypto} for Ed25519. Skipped, with the reason, where Node or the npm registry is unavailable; npm
 * installs go to {@code target/npm-interop}.
 */
class CanonicalJsonInteropTest {

    /** The newest release that still runs on Node 18 and 20 (5.x needs Node 22). */
    private static final String CANONICALIZE_VERSION = "4.0.0";

    private static final long PROCESS_TIMEOUT_SECONDS = 300;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Escaping everything non-ASCII keeps the text handed to Node independent of encodings. */
    private static final ObjectMapper ASCII_JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static final EnvelopeParser PARSER = new EnvelopeParser();

    private static Path node;
    private static Path workDir;
    private static Path canonicalizeModule;

    @BeforeAll
    static void installCanonicalize() throws Exception {
        node = executableOnPath("node");
        assumeTrue(node != null, "node not on PATH: skipping npm canonicalize interop");
        workDir = targetDir().resolve("npm-interop");
        Files.createDirectories(workDir);
        int major = nodeMajorVersion();
        assumeTrue(
                major >= 18,
                "node " + major + " is older than 18: skipping npm canonicalize interop");
        Path npm = executableOnPath("npm");
        assumeTrue(npm != null, "npm not on PATH: skipping npm canonicalize interop");

        Path packageJson = workDir.resolve("node_modules/canonicalize/package.json");
        if (!isInstalled(packageJson)) {
            Path log = workDir.resolve("npm-install.log");
            int exit =
                    run(
                            log,
                            log,
                            npm.toString(),
                            "install",
                            "--prefix",
                            workDir.toString(),
                            "--no-audit",
                            "--no-fund",
                            "--no-package-lock",
                            "canonicalize@" + CANONICALIZE_VERSION);
            if (exit != 0 || !isInstalled(packageJson)) {
                abort(
                        "npm install canonicalize@"
                                + CANONICALIZE_VERSION
                                + " failed (exit "
                                + exit
                                + "), is the npm registry reachable? Skipping npm canonicalize"
                                + " interop. npm said: "
                                + tail(log));
            }
        }
        String main = ASCII_JSON.readTree(packageJson.toFile()).path("main").asText("index.js");
        canonicalizeModule = packageJson.resolveSibling(main);
    }

    @Test
    void producesTheSameBytesAsNpmCanonicalize() throws Exception {
        RandomJson random = new RandomJson(8785);
        ArrayNode documents = NODES.arrayNode();
        for (int i = 0; i < 200; i++) {
            documents.add(i % 10 == 9 ? random.value(3) : random.object(4));
        }
        ObjectNode input = NODES.objectNode();
        input.set("documents", documents);
        input.putArray("envelopes");

        JsonNode output = runInteropScript(input);

        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            byte[] expected = decode(output.get("canonical").get(i));
            byte[] actual = CanonicalJson.canonicalBytes(documents.get(i));
            if (!java.util.Arrays.equals(expected, actual)) {
                mismatches.add(
                        "document "
                                + i
                                + "\n  npm:  "
                                + new String(expected, StandardCharsets.UTF_8)
                                + "\n  java: "
                                + new String(actual, StandardCharsets.UTF_8));
            }
        }
        assertThat(output.get("canonical")).hasSize(documents.size());
        assertThat(mismatches).isEmpty();
    }

    @Test
    void acceptsEnvelopesSignedWithNodeCrypto() throws Exception {
        RandomJson random = new RandomJson(25519);
        ArrayNode envelopes = NODES.arrayNode();
        for (int i = 0; i < 20; i++) {
            envelopes.add(i % 4 == 3 ? unsignedBatch(random, i) : unsignedSingle(random, i));
        }
        ObjectNode input = NODES.objectNode();
        input.putArray("documents");
        input.set("envelopes", envelopes);

        JsonNode output = runInteropScript(input);

        assertThat(output.get("envelopes")).hasSize(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++) {
            byte[] signedByNode = decode(output.get("envelopes").get(i));
            EventEnvelope envelope = PARSER.parse(signedByNode);
            assertThat(envelope.signedContent())
                    .as("envelope %d", i)
                    .isEqualTo(decode(output.get("signedContent").get(i)));
            assertThat(envelope.hasValidSignature()).as("envelope %d", i).isTrue();
        }
    }

    private static ObjectNode unsignedSingle(RandomJson random, int i) {
        ObjectNode envelope = NODES.objectNode();
        envelope.put("id", new UUID(0xabcdefL, i).toString());
        envelope.put("appId", "interop-" + i);
        envelope.put("type", "node.event");
        envelope.put("timestamp", "2026-11-21T07:00:00." + (100 + i) + "Z");
        envelope.set("payload", random.object(3));
        if (i % 5 == 0) {
            envelope.put("version", 1);
            envelope.set("client", random.object(2));
        }
        return envelope;
    }

    private static ObjectNode unsignedBatch(RandomJson random, int i) {
        ObjectNode envelope = NODES.objectNode();
        envelope.put("id", new UUID(0xba7cL, i).toString());
        envelope.put("appId", "interop-batch");
        envelope.put("timestamp", "2026-11-21T07:00:00+05:30");
        envelope.put("_batchMode", true);
        ArrayNode events = envelope.putArray("events");
        for (int e = 0; e < 3; e++) {
            ObjectNode event = events.addObject();
            event.put("id", new UUID(i, e).toString());
            event.put("type", random.text().isEmpty() ? "t" : "type " + e);
            event.put("timestamp", "2026-11-21T07:00:0" + e + "Z");
            event.set("payload", random.object(3));
        }
        return envelope;
    }

    private JsonNode runInteropScript(ObjectNode input) throws Exception {
        Path script = Path.of(getClass().getResource("canonicalize-interop.mjs").toURI());
        Path inputFile = Files.createTempFile(workDir, "input-", ".json");
        Path outputFile = inputFile.resolveSibling(inputFile.getFileName() + ".out");
        Path errorFile = inputFile.resolveSibling(inputFile.getFileName() + ".err");
        Files.write(inputFile, ASCII_JSON.writeValueAsBytes(input));

        int exit =
                run(
                        outputFile,
                        errorFile,
                        node.toString(),
                        script.toString(),
                        canonicalizeModule.toString(),
                        inputFile.toString());

        if (exit != 0) {
            fail("node %s failed (exit %d): %s", script.getFileName(), exit, tail(errorFile));
        }
        return ASCII_JSON.readTree(outputFile.toFile());
    }

    /** Runs a command to completion, stdout and stderr to files; its exit code. */
    private static int run(Path stdout, Path stderr, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile());
        if (stderr.equals(stdout)) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(stderr.toFile());
        }
        Process process = builder.start();
        if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(
                    "%s did not finish within %d s",
                    String.join(" ", command), PROCESS_TIMEOUT_SECONDS);
        }
        return process.exitValue();
    }

    private static int nodeMajorVersion() throws Exception {
        Path versionFile = Files.createTempFile(workDir, "node-version", ".txt");
        try {
            run(versionFile, versionFile, node.toString(), "--version");
            String version = Files.readString(versionFile).trim(); // v20.20.2
            return Integer.parseInt(version.substring(1, version.indexOf('.')));
        } finally {
            Files.deleteIfExists(versionFile);
        }
    }

    private static boolean isInstalled(Path packageJson) throws IOException {
        return Files.isRegularFile(packageJson)
                && CANONICALIZE_VERSION.equals(
                        ASCII_JSON.readTree(packageJson.toFile()).path("version").asText());
    }

    private static Path executableOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The module's target directory, found from where the test classes were loaded. */
    private static Path targetDir() throws Exception {
        return Path.of(
                        CanonicalJsonInteropTest.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                .getParent();
    }

    private static byte[] decode(JsonNode base64) {
        return Base64.getDecoder().decode(base64.textValue());
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }
}
