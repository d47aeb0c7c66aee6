package io.cere.stack.launcher.local;

import io.cere.stack.launcher.DataDirectory;
import io.cere.stack.launcher.storage.S3KeyFile;
import io.cere.stack.servers.RunDirectory;
import io.cere.stack.servers.StorageCluster;
import java.time.Duration;

/**
 * The stack's storage cluster: {@value LocalStackOptions#STORAGE_NODES} node JVMs (erasure code
 * {@value LocalStackOptions#STORAGE_K}+{@value LocalStackOptions#STORAGE_M}) on consecutive ports,
 * each with its data in {@code storage/node-N/} (kept across runs), its log in {@code
 * logs/storage-node-N.log}, the S3 key in {@code storage/s3-credentials}, and its signed activity
 * records going to the stack's Kafka, topic {@value LocalStackOptions#ACTIVITY_TOPIC}.
 */
final class StorageNodes {

    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private StorageNodes() {}

    static StorageCluster cluster(LocalStackOptions options, DataDirectory dirs, RunDirectory run) {
        return StorageCluster.builder()
                .dir(dirs.storage())
                .nodes(LocalStackOptions.STORAGE_NODES)
                .k(LocalStackOptions.STORAGE_K)
                .m(LocalStackOptions.STORAGE_M)
                .host(options.host())
                .basePort(options.storageBasePort())
                .s3Credentials(dirs.storage().resolve(S3KeyFile.NAME))
                .kafka(options.bootstrapServers())
                .logDir(dirs.logs())
                .tmpDir(dirs.tmp())
                .runDirectory(run)
                .startTimeout(options.startupTimeout())
                .stopTimeout(STOP_GRACE)
                .build();
    }
}
