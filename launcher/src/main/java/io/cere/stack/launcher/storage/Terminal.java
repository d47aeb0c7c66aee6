package io.cere.stack.launcher.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the command's error stream is a terminal, where a progress bar is for a person. */
final class Terminal {

    private Terminal() {}

    /**
     * True when stderr is a terminal. The JDK only tells that of stdin and stdout together ({@link
     * System#console()}); on Linux, stderr's own file descriptor names its device.
     */
    static boolean isStderr() {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }
}
