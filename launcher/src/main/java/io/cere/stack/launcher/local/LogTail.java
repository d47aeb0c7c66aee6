package io.cere.stack.launcher.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The end of a server's log, for the message that says why it failed: the last lines of the latest
 * run only (a log is appended to across runs, each run starting with a {@code "--- "} line), long
 * lines cut.
 */
final class LogTail {

    static final int LINES = 30;
    static final int MAX_LINE_CHARS = 300;
    private static final int MAX_BYTES = 64 * 1024;
    private static final String RUN_MARKER = "--- ";

    private LogTail() {}

    /** The last {@code lines} lines of {@code file}, indented, under a heading naming the file. */
    static String describe(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try {
            List<String> tail = lastLines(file, lines);
            return "Last "
                    + tail.size()
                    + " lines of "
                    + file
                    + ":"
                    + System.lineSeparator()
                    + "    "
                    + String.join(System.lineSeparator() + "    ", tail);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static List<String> lastLines(Path file, int lines) throws IOException {
        byte[] bytes;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - MAX_BYTES);
            bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
        }
        List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        int start = 0;
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).startsWith(RUN_MARKER)) {
                start = i + 1;
                break;
            }
        }
        List<String> run = all.subList(start, all.size());
        return run.subList(Math.max(0, run.size() - lines), run.size()).stream()
                .map(LogTail::cut)
                .toList();
    }

    private static String cut(String line) {
        return line.length() <= MAX_LINE_CHARS
                ? line
                : line.substring(0, MAX_LINE_CHARS) + " ... (" + line.length() + " characters)";
    }
}
