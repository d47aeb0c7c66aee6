package io.cere.stack.flinkdist;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The jars of a Flink 1.20 distribution's {@code lib/}: Flink with its web UI and Log4j, and
 * nothing of this project. A process started on them runs job code only from submitted jars.
 */
public final class FlinkDistribution {

    private static final String RESOURCE = "flink-dist.classpath";

    private FlinkDistribution() {}

    public static List<Path> classPath() {
        try (InputStream in = FlinkDistribution.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE
                                + " is missing next to "
                                + FlinkDistribution.class.getName()
                                + ": build the flink-dist module with Maven");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return Arrays.stream(text.split(File.pathSeparator)).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
