package io.cere.stack.launcher.storage;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cere storage ls [BUCKET]}: what is stored, through the S3 API, whose buckets and keys are
 * the cluster's only index of what it holds (the native API addresses blobs by CID alone).
 */
@Command(
        name = "ls",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the objects of BUCKET, or of every bucket, through the cluster's S3 API: one"
                    + " line each, CID  SIZE  LAST-MODIFIED  BUCKET/KEY.",
            "`bin/cere storage get CID` reads any of them back, verified."
        })
public final class StorageLsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin StorageConnection connection;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "BUCKET",
            description = "The bucket to list. Default: every bucket.")
    String bucket;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            S3Client s3 = connection.s3Client();
            List<String> buckets = bucket != null ? List.of(bucket) : s3.listBuckets();
            int listed = 0;
            for (String name : buckets) {
                for (S3Listings.ListedObject object : s3.listObjects(name)) {
                    out.println(
                            String.format(
                                    Locale.ROOT,
                                    "%s  %12d  %s  %s/%s",
                                    s3.cidOf(name, object.key()),
                                    object.size(),
                                    object.lastModified().truncatedTo(ChronoUnit.SECONDS),
                                    name,
                                    object.key()));
                    listed++;
                }
            }
            out.flush();
            if (listed == 0) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(
                        "cere storage ls: nothing stored"
                                + (bucket != null ? " in " + bucket : "")
                                + " yet; `bin/cere storage put FILE` stores a file");
                err.flush();
            }
            return 0;
        } catch (IOException e) {
            throw StorageCommand.failed(e);
        }
    }
}
