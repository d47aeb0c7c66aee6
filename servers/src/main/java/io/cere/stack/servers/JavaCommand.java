package io.cere.stack.servers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line of a server JVM: our options first, then the caller's (so theirs win), the class
 * path, and the main class, under {@link Supervised} if {@code supervised}.
 */
record JavaCommand(
        Path java,
        String heap,
        Path tmpDir,
        Path logDir,
        List<String> jvmOptions,
        List<Path> classPath,
        boolean supervised,
        String mainClass,
        List<String> args) {

    /** The command; copies {@link Supervised} into {@code tmpDir} first if needed. */
    List<String> toList() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx" + heap);
        command.add("-Djava.io.tmpdir=" + tmpDir);
        // No /tmp/hsperfdata_<user>/<pid> file (HotSpot ignores java.io.tmpdir for it).
        command.add("-XX:-UsePerfData");
        // A server that ran out of memory is in an unknown state; let its supervisor see it die.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:ErrorFile=" + logDir.resolve("hs_err_pid%p.log"));
        command.addAll(jvmOptions);
        List<Path> entries = new ArrayList<>();
        if (supervised) {
            entries.add(supervisorClassPath(tmpDir));
        }
        entries.addAll(classPath);
        command.add("-cp");
        command.add(
                entries.stream()
                        .map(p -> p.toAbsolutePath().toString())
                        .collect(Collectors.joining(File.pathSeparator)));
        if (supervised) {
            command.add(Supervised.class.getName());
            command.add(Long.toString(ProcessHandle.current().pid()));
        }
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The command as one line for a log, arguments with spaces quoted. */
    static String display(List<String> command) {
        return command.stream()
                .map(arg -> arg.isEmpty() || arg.contains(" ") ? "'" + arg + "'" : arg)
                .collect(Collectors.joining(" "));
    }

    /**
     * The java of the running JDK. {@code java.home} first: {@code ProcessHandle.info().command()}
     * names a custom launcher, not java, when this process was started by one.
     */
    static Path currentJava() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        Path fromHome =
                Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome;
        }
        return ProcessHandle.current()
                .info()
                .command()
                .map(Path::of)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "Cannot find java: not in java.home ("
                                                + fromHome
                                                + ") and this process's command is unknown"));
    }

    /**
     * A directory holding only {@link Supervised}'s class file, copied from our own class path. The
     * server's class path gets this directory, not the jar we were loaded from: the launcher may be
     * a shaded jar holding other versions of the server's libraries.
     */
    static Path supervisorClassPath(Path tmpDir) throws IOException {
        String resource = Supervised.class.getSimpleName() + ".class";
        byte[] bytes;
        try (InputStream in = Supervised.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Cannot read " + resource + " from our class path");
            }
            bytes = in.readAllBytes();
        }
        Path root = tmpDir.resolve("cere-supervisor");
        Path target = root.resolve(Supervised.class.getName().replace('.', '/') + ".class");
        if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
            ServerProcess.writeAtomically(target, bytes);
        }
        return root;
    }
}
