package io.cere.stack.launcher.storage;

import io.cere.stack.launcher.CommandFailedException;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.client.BlobInputStream;
import io.cere.stack.storage.client.ProgressListener;
import io.cere.stack.storage.client.StorageClient;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cere storage get CID}: reads a blob through the native API, checking every byte. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = {
            "Reads the blob with this CID through the cluster's native API and writes it to FILE"
                    + " (-o) or to stdout. Every segment is checked against the CID before any of"
                    + " it is written: a FILE is only created once all of it matched.",
            "A progress bar shows on stderr for blobs of 1 MiB or more when stderr is a terminal,"
                    + " or always with --progress."
        })
public final class StorageGetCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin StorageConnection connection;

    @Parameters(index = "0", paramLabel = "CID", description = "The blob's CID (b...).")
    String cidText;

    @Option(
            names = "--bucket",
            defaultValue = StorageCommand.DEFAULT_BUCKET,
            description =
                    "The bucket to read through (default ${DEFAULT-VALUE}); a CID reads the same"
                            + " through any bucket.")
    String bucket;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the blob here instead of stdout; replaced only when complete.")
    Path output;

    @Option(
            names = "--progress",
            description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Override
    public Integer call() {
        Cid cid;
        try {
            cid = Cid.parse(cidText);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "CID '" + cidText + "' cannot be read: " + e.getMessage());
        }
        ProgressBar bar = null;
        try {
            StorageClient client = connection.nativeClient();
            if (output != null) {
                if (progress || (Terminal.isStderr() && isLarge(client.size(bucket, cid)))) {
                    bar = bar();
                }
                client.download(bucket, cid, output, bar != null ? bar : ProgressListener.NONE);
            } else {
                try (BlobInputStream in = client.open(bucket, cid)) {
                    if (progress || (Terminal.isStderr() && isLarge(in.length()))) {
                        bar = bar();
                    }
                    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
                    StorageClient.copy(
                            in, stdout, in.length(), bar != null ? bar : ProgressListener.NONE);
                    stdout.flush();
                }
            }
            if (bar != null) {
                bar.finish();
            }
            return 0;
        } catch (IOException e) {
            if (bar != null) {
                bar.abandon();
            }
            throw StorageCommand.failed(e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
    }

    private static boolean isLarge(long size) {
        return size >= StorageCommand.LARGE_FILE;
    }

    private ProgressBar bar() {
        return new ProgressBar(spec.commandLine().getErr(), "get " + cidText, System::nanoTime);
    }
}
