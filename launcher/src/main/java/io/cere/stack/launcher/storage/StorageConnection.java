package io.cere.stack.launcher.storage;

import io.cere.stack.launcher.CommandFailedException;
import io.cere.stack.launcher.DataDirOption;
import io.cere.stack.launcher.DataDirectory;
import io.cere.stack.storage.client.StorageClient;
import io.cere.stack.storage.s3.auth.AccessKey;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a {@code storage} command reaches the cluster: the nodes (by default those of the local
 * stack, from its cluster file) and, for the S3 API, the access key (by default the stack's).
 */
public final class StorageConnection {

    @Mixin DataDirOption dataDir;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description =
                    "A storage node, e.g. http://127.0.0.1:9101; repeat for more (tried in"
                            + " order). Default: the nodes of the local stack, from"
                            + " <data dir>/storage/cluster.json.")
    List<URI> endpoints = new ArrayList<>();

    @Option(
            names = "--access-key",
            paramLabel = "ID",
            description =
                    "S3 access key id. Default: the local stack's, from <data dir>/storage/"
                            + S3KeyFile.NAME
                            + ".")
    String accessKey;

    @Option(
            names = "--secret-key",
            paramLabel = "SECRET",
            description = "S3 secret access key, with --access-key.")
    String secretKey;

    @Option(
            names = "--region",
            defaultValue = "us-east-1",
            description = "The region S3 requests are signed for (default ${DEFAULT-VALUE}).")
    String region;

    DataDirectory dirs() {
        return dataDir.get();
    }

    /** The nodes to ask, in order. */
    List<URI> nodes() throws IOException {
        if (!endpoints.isEmpty()) {
            return List.copyOf(endpoints);
        }
        return StorageEndpoints.of(dirs()).nodes();
    }

    StorageClient nativeClient() throws IOException {
        try {
            return StorageClient.builder().nodes(nodes()).build();
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException("--endpoint: " + e.getMessage(), e);
        }
    }

    /** The S3 API of the first node. */
    S3Client s3Client() throws IOException {
        return new S3Client(nodes().get(0), s3Key(), region, java.time.Clock.systemUTC());
    }

    private AccessKey s3Key() throws IOException {
        if (accessKey != null || secretKey != null) {
            if (accessKey == null || secretKey == null) {
                throw new CommandFailedException(
                        "--access-key and --secret-key go together; give both or neither");
            }
            try {
                return new AccessKey(accessKey, secretKey);
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(e.getMessage(), e);
            }
        }
        Path file = dirs().storage().resolve(S3KeyFile.NAME);
        try {
            return S3KeyFile.read(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException(
                    "no S3 access key at "
                            + file
                            + ": start the local stack with `bin/cere local`, or give"
                            + " --access-key and --secret-key");
        }
    }
}
