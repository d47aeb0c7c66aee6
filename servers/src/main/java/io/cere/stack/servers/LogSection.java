package io.cere.stack.servers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The part of a server's log file written since one start. Log files are appended to across
 * restarts, so readiness checks and error reports must not see what an earlier run wrote.
 */
final class LogSection {

    private static final int TAIL_BYTES = 64 * 1024;

    private final Path file;
    private final long start;

    LogSection(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** A section that begins at the current end of {@code file} (or at 0 if it does not exist). */
    static LogSection startingAtEndOf(Path file) throws IOException {
        return new LogSection(file, Files.exists(file) ? Files.size(file) : 0L);
    }

    Path file() {
        return file;
    }

    /** The last {@code max} lines of this section; fewer if it is shorter, none if it is empty. */
    List<String> lastLines(int max) throws IOException {
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long from = Math.max(start, channel.size() - TAIL_BYTES);
            int length = (int) Math.max(0, channel.size() - from);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
                // read until the buffer is full or the file ends
            }
            bytes = Arrays.copyOf(buffer.array(), buffer.position());
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        return lines.subList(Math.max(0, lines.size() - max), lines.size());
    }

    /** Describes the end of this section for an error message. */
    String describeTail(int max) {
        try {
            List<String> lines = lastLines(max);
            if (lines.isEmpty()) {
                return file + " has nothing from this run.";
            }
            return "Last "
                    + lines.size()
                    + " lines of "
                    + file
                    + ":\n    "
                    + String.join("\n    ", lines);
        } catch (IOException e) {
            return "Could not read " + file + ": " + e;
        }
    }

    /**
     * Watches this section for {@code text}, reading only what was appended since the last call.
     */
    Watch watchFor(String text) {
        return new Watch(text.getBytes(StandardCharsets.UTF_8));
    }

    final class Watch {
        private final byte[] needle;
        private long position = start;
        // The end of what was read last time, so a needle split across two reads is still found.
        private byte[] carry = new byte[0];
        private boolean found;

        private Watch(byte[] needle) {
            if (needle.length == 0) {
                throw new IllegalArgumentException("the text to watch for must not be empty");
            }
            this.needle = needle;
        }

        boolean appeared() throws IOException {
            if (found) {
                return true;
            }
            if (!Files.exists(file)) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer chunk = ByteBuffer.allocate(TAIL_BYTES);
                int read;
                while (!found && (read = channel.read(chunk.clear(), position)) > 0) {
                    position += read;
                    byte[] window = new byte[carry.length + read];
                    System.arraycopy(carry, 0, window, 0, carry.length);
                    System.arraycopy(chunk.array(), 0, window, carry.length, read);
                    found = indexOf(window, needle) >= 0;
                    int keep = Math.min(window.length, needle.length - 1);
                    carry = Arrays.copyOfRange(window, window.length - keep, window.length);
                }
            }
            return found;
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
