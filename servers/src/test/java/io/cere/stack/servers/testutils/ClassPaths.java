package io.cere.stack.servers.testutils;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where classes were loaded from, to build the class path of a JVM a test starts. */
public final class ClassPaths {

    private ClassPaths() {}

    /** The directory or jar {@code type} was loaded from. */
    public static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate " + type, e);
        }
    }
}
