package io.cere.stack.launcher.storage.testutils;

import com.sun.net.httpserver.HttpServer;
import io.cere.stack.storage.s3.S3Handler;
import io.cere.stack.storage.s3.S3Options;
import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.auth.Credentials;
import io.cere.stack.storage.s3.backend.ActivityListener;
import io.cere.stack.storage.s3.testutils.DirectoryBlobStore;
import io.cere.stack.storage.s3.testutils.SortedMapMetadataIndex;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The storage node's S3 API (its real handler) over the S3 module's reference backend (blobs in a
 * temporary directory, the index in a sorted map), on a loopback port: what {@code bin/cere
 * storage} talks to, without a cluster.
 */
public final class InProcessS3 implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    public InProcessS3(AccessKey key) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                new S3Handler(
                        new DirectoryBlobStore(Files.createTempDirectory("in-process-s3")),
                        new SortedMapMetadataIndex(),
                        ActivityListener.NONE,
                        Credentials.of(key),
                        S3Options.defaults()));
        server.setExecutor(threads);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
