package io.cere.stack.storage.node.peer;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.node.config.ClusterMember;
import io.cere.stack.storage.node.index.RecordCodec;
import io.cere.stack.storage.node.index.VersionedRecord;
import io.cere.stack.storage.node.peer.PeerHttpClient.Response;
import io.cere.stack.storage.node.shard.ShardOwner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    private final PeerHttpClient http;
    private final Executor callThreads;
    private final List<String> headers;

    /**
     * @param selfId the calling node's id, sent along for the callee's logs
     * @param http the connections to {@code member}; closed by whoever made it
     * @param callThreads runs each call, blocking for its response: an unbounded pool that reuses
     *     its threads
     * @param credentials sent with every call: the cluster secret, if the cluster has one
     */
    public RemoteNode(
            ClusterMember member,
            String selfId,
            PeerHttpClient http,
            Executor callThreads,
            PeerCredentials credentials) {
        this.member = Objects.requireNonNull(member, "member");
        this.http = Objects.requireNonNull(http, "http");
        this.callThreads = Objects.requireNonNull(callThreads, "callThreads");
        List<String> common = new ArrayList<>();
        common.add(InternalApi.FROM_HEADER);
        common.add(Objects.requireNonNull(selfId, "selfId"));
        Objects.requireNonNull(credentials, "credentials")
                .authorization()
                .ifPresent(
                        value -> {
                            common.add(InternalApi.AUTHORIZATION_HEADER);
                            common.add(value);
                        });
        this.headers = List.copyOf(common);
    }

    @Override
    public ClusterMember member() {
        return member;
    }

    @Override
    public CompletableFuture<Void> putShard(Cid cid, byte[] content, ShardOwner owner) {
        List<String> withOwner = new ArrayList<>(headers);
        withOwner.add(InternalApi.OWNER_HEADER);
        withOwner.add(owner.line());
        return call(
                new Call("PUT", InternalApi.SHARDS + cid, withOwner, content, true),
                "store shard " + cid,
                response -> expect(response, 201, null));
    }

    @Override
    public CompletableFuture<Optional<byte[]>> getShard(Cid cid) {
        return get(InternalApi.SHARDS + cid, "read shard " + cid);
    }

    @Override
    public CompletableFuture<Void> putManifest(Cid object, byte[] manifest) {
        return call(
                new Call("PUT", InternalApi.MANIFESTS + object, headers, manifest, true),
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
                    if (response.status() == 201) {
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
                    if (response.status() == 404) {
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
                // Not idempotent: a second send of a request the peer took would answer false.
                new Call("POST", InternalApi.RECORDS_PUT_IF_ABSENT, headers, body, false),
                "put record " + namespace + "/" + key + " if absent",
                response -> {
                    expect(response, 200, null);
                    return Boolean.parseBoolean(
                            new String(response.body(), StandardCharsets.UTF_8).trim());
                });
    }

    private CompletableFuture<Optional<byte[]>> get(String path, String what) {
        return call(
                new Call("GET", path, headers, null, true),
                what,
                response -> {
                    if (response.status() == 404) {
                        return Optional.empty();
                    }
                    expect(response, 200, null);
                    return Optional.of(response.body());
                });
    }

    /** A POST whose body only asks or stores a record: sending it twice does no harm. */
    private Call post(String path, byte[] body) {
        return new Call("POST", path, headers, body, true);
    }

    private <T> CompletableFuture<T> call(
            Call call, String what, Function<Response, T> onResponse) {
        // On a pooled thread, so that a caller asking several nodes waits for the slowest, not
        // for their sum.
        return CompletableFuture.supplyAsync(() -> send(call), callThreads)
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
                                                        + response.status()
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

    private Response send(Call call) {
        try {
            return http.send(call.method, call.path, call.headers, call.body, call.idempotent);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static <T> T expect(Response response, int status, T value) {
        if (response.status() != status) {
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

    private record Call(
            String method, String path, List<String> headers, byte[] body, boolean idempotent) {}

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
