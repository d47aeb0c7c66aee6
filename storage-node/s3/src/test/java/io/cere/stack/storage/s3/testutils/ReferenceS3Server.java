package io.cere.stack.storage.s3.testutils;

import com.sun.net.httpserver.HttpServer;
import io.cere.stack.storage.s3.S3Handler;
import io.cere.stack.storage.s3.S3Options;
import io.cere.stack.storage.s3.auth.Credentials;
import io.cere.stack.storage.s3.backend.ActivityListener;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.backend.MetadataIndex;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The S3 handler on a JDK HTTP server on a free loopback port, over whatever backend it is given
 * (in this module, the reference backend). For protocol tests; the storage node mounts the handler
 * on its own server.
 */
public final class ReferenceS3Server implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Queue<String> payloadHashes = new ConcurrentLinkedQueue<>();

    public ReferenceS3Server(
            BlobStore blobs,
            MetadataIndex index,
            ActivityListener activity,
            Credentials credentials,
            S3Options options)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        S3Handler handler = new S3Handler(blobs, index, activity, credentials, options);
        server.createContext(
                "/",
                exchange -> {
                    payloadHashes.add(
                            exchange.getRequestMethod()
                                    + " "
                                    + exchange.getRequestHeaders()
                                            .getOrDefault("x-amz-content-sha256", List.of("-"))
                                            .get(0));
                    handler.handle(exchange);
                });
        server.setExecutor(executor);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * {@code "<method> <x-amz-content-sha256>"} of every request so far, in order: which payload
     * modes clients chose.
     */
    public List<String> payloadHashes() {
        return List.copyOf(payloadHashes);
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
