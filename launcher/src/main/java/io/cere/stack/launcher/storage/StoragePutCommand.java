package io.cere.stack.launcher.storage;

import io.cere.stack.launcher.CommandFailedException;
import io.cere.stack.storage.client.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cere storage put FILE}: stores a file as an S3 object, so that it is listed by {@code ls}
 * and by any S3 client, and prints its CID, under which {@code get} reads it back verified.
 */
@Command(
        name = "put",
        mixinStandardHelpOptions = true,
        description = {
            "Stores FILE as object KEY (default: the file's name) in BUCKET through the cluster's"
                    + " S3 API, creating the bucket if needed, and prints the CID of its bytes.",
            "A progress bar shows on stderr for files of 1 MiB or more when stderr is a terminal,"
                    + " or always with --progress."
        })
public final class StoragePutCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin StorageConnection connection;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to store.")
    Path file;

    @Option(
            names = "--bucket",
            defaultValue = StorageCommand.DEFAULT_BUCKET,
            description = "The bucket (default ${DEFAULT-VALUE}).")
    String bucket;

    @Option(
            names = "--key",
            paramLabel = "KEY",
            description = "The object's key in the bucket. Default: the file's name.")
    String key;

    @Option(
            names = "--progress",
            description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CommandFailedException("no readable file at " + file.toAbsolutePath());
        }
        String objectKey = key != null ? key : file.getFileName().toString();
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = null;
        try {
            long size = Files.size(file);
            if (progress || (size >= StorageCommand.LARGE_FILE && Terminal.isStderr())) {
                bar = new ProgressBar(err, "put " + file.getFileName(), System::nanoTime);
            }
            S3Client s3 = connection.s3Client();
            s3.ensureBucket(bucket);
            String cid =
                    s3.putObject(
                            bucket, objectKey, file, bar != null ? bar : ProgressListener.NONE);
            if (bar != null) {
                bar.finish();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(cid);
            out.flush();
            return 0;
        } catch (IOException e) {
            if (bar != null) {
                bar.abandon();
            }
            throw StorageCommand.failed(e);
        }
    }
}
