package io.cere.stack.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the local stack keeps everything; shared by every command. */
public final class DataDirOption {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:CERE_HOME:-.cere}",
            description =
                    "Data directory of the local stack (Kafka log, Flink checkpoints, keys, logs)."
                            + " Default: $CERE_HOME, else .cere in the current directory"
                            + " (currently ${DEFAULT-VALUE}).")
    private Path dataDir;

    public DataDirectory get() {
        return new DataDirectory(dataDir.toAbsolutePath().normalize());
    }
}
