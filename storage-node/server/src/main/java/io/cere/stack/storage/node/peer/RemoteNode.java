package io.cere.stack.storage.node.peer;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.node.config.ClusterMember;
import io.cere.stack.storage.node.index.RecordCodec;
import io.cere.stack.storage.node.index.VersionedRecord;
import io.cere.stack.storage.node.shard.ShardOwner;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Another node, reached over its internal HTTP API ({@link InternalApi}). A call that cannot
 * connect, times out or gets an unexpected status fails with a {@link PeerUnavailableException}
 * naming the node; a 404 on a get is an answer (the node does not have it).
 */
public final class RemoteNode implements ClusterNode {

    private final ClusterMember member;
    private final String selfId;
    private final HttpClient http;
    private final Duration timeout;
    private final Executor callThreads;
    private final PeerCredentials credentials;

    /**
     * @param selfId the calling node's id, sent along for the callee's logs
     * @param timeout the most a call may wait for the response's headers
     * @param callThreads runs each call, blocking for its response: an unbounded pool that reuses
     *     its threads
     * @param credentials sent with every call: the cluster secret, if the cluster has one
     */
    public RemoteNode(
            ClusterMember member,
            String selfId,
            HttpClient http,
            Duration timeout,
            Executor callThreads,
            PeerCredentials credentials) {
        this.member = Objects.requireNonNull(member, "member");
        this.selfId = Objects.requireNonNull(selfId, "selfId");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.callThreads = Objects.requireNonNull(callThreads, "callThreads");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public ClusterMember member() {
        return member;
    }

    @Override
    public CompletableFuture<Void> putShard(Cid cid, byte[] content, ShardOwner owner) {
        HttpRequest request =
                request(InternalApi.SHARDS + cid)
                        .header(InternalApi.OWNER_HEADER, owner.line())
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build();
        return call(request, "store shard " + cid, response -> expect(response, 201, null));
    }

    @Override
    public CompletableFuture<Optional<byte[]>> getShard(Cid cid) {
        return get(InternalApi.SHARDS + cid, "read shard " + cid);
    }

    @Override
    public CompletableFuture<Void> putManifest(Cid object, byte[] manifest) {
        HttpRequest request =
                request(InternalApi.MANIFESTS + object)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
                        .build();
        return call(
                request,
                "store the manifest of " + object,
                response -> expect(response, 201, null));
    }

    @Override
    public CompletableFuture<Optional<byte[]>> getManifest(Cid object) {
        return get(InternalApi.MANIFESTS + object, "read the manifest of " + object);
    }

    @Override
    public CompletableFuture<Boolean> applyRecord(String namespace, VersionedRecord record) {
        byte[] body =
                RecordCodec.write(
                        out -> {
                            RecordCodec.writeString(out, namespace);
                            RecordCodec.writeRecord(out, record);
                        });
        return call(
                post(InternalApi.RECORDS_APPLY, body),
                "store record " + namespace + "/" + record.key(),
                response -> {
                    if (response.statusCode() == 201) {
                        return true;
                    }
                    return expect(response, 200, false);
                });
    }

    @Override
    public CompletableFuture<Optional<VersionedRecord>> getRecord(String namespace, String key) {
        byte[] body =
                RecordCodec.write(
                        out -> {
                            RecordCodec.writeString(out, namespace);
                            RecordCodec.writeString(out, key);
                        });
        return call(
                post(InternalApi.RECORDS_GET, body),
                "read record " + namespace + "/" + key,
                response -> {
                    if (response.statusCode() == 404) {
                        return Optional.empty();
                    }
                    expect(response, 200, null);
                    return Optional.of(decode(() -> RecordCodec.decode(response.body())));
                });
    }

    @Override
    public CompletableFuture<List<VersionedRecord>> listRecords(
            String namespace, String prefix, String startAfter, int limit) {
        byte[] body =
                RecordCodec.write(
                        out -> {
                            RecordCodec.writeString(out, namespace);
                            RecordCodec.writeString(out, prefix);
                            RecordCodec.writeString(out, startAfter);
                            out.writeInt(limit);
                        });
        return call(
                post(InternalApi.RECORDS_LIST, body),
                "list records of " + namespace,
                response -> {
                    expect(response, 200, null);
                    return decode(() -> RecordCodec.decodeList(response.body()));
                });
    }

    @Override
    public CompletableFuture<Boolean> putIfAbsent(String namespace, String key, byte[] value) {
        byte[] body =
                RecordCodec.write(
                        out -> {
                            RecordCodec.writeString(out, namespace);
                            RecordCodec.writeString(out, key);
                            RecordCodec.writeBytes(out, value);
                        });
        return call(
                post(InternalApi.RECORDS_PUT_IF_ABSENT, body),
                "put record " + namespace + "/" + key + " if absent",
                response -> {
                    expect(response, 200, null);
                    return Boolean.parseBoolean(
                            new String(response.body(), StandardCharsets.UTF_8).trim());
                });
    }

    private CompletableFuture<Optional<byte[]>> get(String path, String what) {
        return call(
                request(path).GET().build(),
                what,
                response -> {
                    if (response.statusCode() == 404) {
                        return Optional.empty();
                    }
                    expect(response, 200, null);
                    return Optional.of(response.body());
                });
    }

    private HttpRequest post(String path, byte[] body) {
        return request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpRequest.Builder request(String path) {
        return credentials.sign(
                HttpRequest.newBuilder(member.resolve(path))
                        .timeout(timeout)
                        .header(InternalApi.FROM_HEADER, selfId));
    }

    private <T> CompletableFuture<T> call(
            HttpRequest request, String what, Function<HttpResponse<byte[]>, T> onResponse) {
        // Blocking send on a pooled thread rather than sendAsync: on a machine of fewer than three
        // cores, JDK 17's sendAsync hands every response to CompletableFuture's default executor,
        // which there starts a new thread per task (thousands of threads a minute under load).
        return CompletableFuture.supplyAsync(() -> send(request), callThreads)
                .handle(
                        (response, failure) -> {
                            if (failure != null) {
                                Throwable cause =
                                        failure instanceof CompletionException
                                                        && failure.getCause() != null
                                                ? failure.getCause()
                                                : failure;
                                throw new CompletionException(
                                        new PeerUnavailableException(
                                                member, "cannot " + what + ": " + cause, cause));
                            }
                            try {
                                return onResponse.apply(response);
                            } catch (UnexpectedStatus e) {
                                throw new CompletionException(
                                        new PeerUnavailableException(
                                                member,
                                                "cannot "
                                                        + what
                                                        + ": answered "
                                                        + response.statusCode()
                                                        + " "
                                                        + excerpt(response.body()),
                                                null));
                            } catch (UndecodableBody e) {
                                throw new CompletionException(
                                        new PeerUnavailableException(
                                                member,
                                                "cannot " + what + ": " + e.getCause().getMessage(),
                                                e.getCause()));
                            }
                        });
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private static <T> T expect(HttpResponse<byte[]> response, int status, T value) {
        if (response.statusCode() != status) {
            throw new UnexpectedStatus();
        }
        return value;
    }

    private static <T> T decode(Decoding<T> decoding) {
        try {
            return decoding.run();
        } catch (IOException e) {
            throw new UndecodableBody(e);
        }
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    @FunctionalInterface
    private interface Decoding<T> {
        T run() throws IOException;
    }

    private static final class UnexpectedStatus extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnexpectedStatus() {
            super(null, null, false, false);
        }
    }

    private static final class UndecodableBody extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UndecodableBody(IOException cause) {
            super(cause);
        }
    }

    @Override
    public String toString() {
        return "node " + member;
    }
}
