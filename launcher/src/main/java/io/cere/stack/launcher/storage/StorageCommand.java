package io.cere.stack.launcher.storage;

import io.cere.stack.launcher.CommandFailedException;
import io.cere.stack.storage.client.NodesUnreachableException;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cere storage}: put, get and list blobs in the storage cluster. */
@Command(
        name = "storage",
        mixinStandardHelpOptions = true,
        description = {
            "Stores files in the storage cluster and reads them back by CID, verified. By default"
                    + " against the cluster of the local stack (`bin/cere local`), with its S3"
                    + " access key.",
            "",
            "  bin/cere storage put FILE          prints the CID",
            "  bin/cere storage get CID -o FILE   checks every byte against the CID",
            "  bin/cere storage ls                every object, with its CID"
        },
        subcommands = {StoragePutCommand.class, StorageGetCommand.class, StorageLsCommand.class})
public final class StorageCommand implements Runnable {

    /** The bucket {@code put} and {@code get} use unless told otherwise. */
    public static final String DEFAULT_BUCKET = "files";

    /** Files at least this large get a progress bar on a terminal. */
    static final long LARGE_FILE = 1 << 20;

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: one of put, get, ls");
    }

    /** What a command says when a request failed: the failure, and what to check. */
    static CommandFailedException failed(IOException e) {
        String hint =
                e instanceof NodesUnreachableException || e instanceof java.net.ConnectException
                        ? " Is the stack running (`bin/cere local`)?"
                        : "";
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return new CommandFailedException(message + hint, e);
    }
}
