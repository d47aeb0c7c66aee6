package io.cere.stack.storage.cas;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node.js with pinned npm packages installed under {@code target/npm-interop}, for cross-checks
 * against JavaScript implementations. Where node, npm or the npm registry is unavailable, the
 * calling test is skipped with the reason.
 */
final class NodePackages {

    private static final int MIN_NODE_MAJOR = 18;
    private static final long PROCESS_TIMEOUT_SECONDS = 300;
    private static final Pattern VERSION_FIELD =
            Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    private final Path node;
    private final Path workDir;

    private NodePackages(Path node, Path workDir) {
        this.node = node;
        this.workDir = workDir;
    }

    /**
     * Installs {@code packages} (name to exact version) unless those versions are already there.
     * Skips the calling test when that is not possible here.
     */
    static NodePackages install(Map<String, String> packages) throws Exception {
        Path node = executableOnPath("node");
        assumeTrue(node != null, "node not on PATH: skipping the npm interop test");
        Path workDir = targetDir().resolve("npm-interop");
        Files.createDirectories(workDir);
        NodePackages installed = new NodePackages(node, workDir);
        int major = installed.nodeMajorVersion();
        assumeTrue(
                major >= MIN_NODE_MAJOR,
                "node "
                        + major
                        + " is older than "
                        + MIN_NODE_MAJOR
                        + ": skipping the npm interop"
                        + " test");
        Path npm = executableOnPath("npm");
        assumeTrue(npm != null, "npm not on PATH: skipping the npm interop test");

        if (!installed.hasVersions(packages)) {
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    npm.toString(),
                                    "install",
                                    "--prefix",
                                    workDir.toString(),
                                    "--no-audit",
                                    "--no-fund",
                                    "--no-package-lock"));
            packages.forEach((name, version) -> command.add(name + "@" + version));
            Path log = workDir.resolve("npm-install.log");
            int exit = run(log, log, command.toArray(String[]::new));
            if (exit != 0 || !installed.hasVersions(packages)) {
                abort(
                        String.join(" ", command.subList(1, command.size()))
                                + " failed (exit "
                                + exit
                                + "), is the npm registry reachable? Skipping the npm interop"
                                + " test. npm said: "
                                + tail(log));
            }
        }
        return installed;
    }

    /**
     * Copies the script resource next to {@code node_modules}, so that its imports resolve to the
     * pinned packages, and runs it with {@code args}. Fails the test when it exits non-zero.
     *
     * @return the script's standard output
     */
    String runScript(Class<?> owner, String scriptResource, String... args) throws Exception {
        Path script = workDir.resolve(scriptResource);
        try (InputStream in = owner.getResourceAsStream(scriptResource)) {
            assertThatFound(in, scriptResource);
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path stdout = workDir.resolve(scriptResource + ".out");
        Path stderr = workDir.resolve(scriptResource + ".err");
        List<String> command = new ArrayList<>(List.of(node.toString(), script.toString()));
        command.addAll(List.of(args));
        int exit = run(stdout, stderr, command.toArray(String[]::new));
        if (exit != 0) {
            fail("node %s failed (exit %d): %s", scriptResource, exit, tail(stderr));
        }
        return Files.readString(stdout);
    }

    /** A directory for the files handed to scripts. */
    Path workDir() {
        return workDir;
    }

    private boolean hasVersions(Map<String, String> packages) throws IOException {
        for (Map.Entry<String, String> entry : packages.entrySet()) {
            Path packageJson =
                    workDir.resolve("node_modules").resolve(entry.getKey()).resolve("package.json");
            if (!Files.isRegularFile(packageJson)) {
                return false;
            }
            Matcher version = VERSION_FIELD.matcher(Files.readString(packageJson));
            if (!version.find() || !version.group(1).equals(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    private int nodeMajorVersion() throws Exception {
        Path versionFile = Files.createTempFile(workDir, "node-version", ".txt");
        try {
            run(versionFile, versionFile, node.toString(), "--version");
            String version = Files.readString(versionFile).trim(); // v20.20.2
            return Integer.parseInt(version.substring(1, version.indexOf('.')));
        } finally {
            Files.deleteIfExists(versionFile);
        }
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
                        NodePackages.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                .getParent();
    }

    private static void assertThatFound(InputStream in, String resource) {
        if (in == null) {
            fail("test resource %s is missing", resource);
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }
}
