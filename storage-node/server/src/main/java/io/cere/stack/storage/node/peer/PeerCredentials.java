package io.cere.stack.storage.node.peer;

import io.cere.stack.storage.node.config.ClusterSecret;
import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * What this node presents on every request to a peer's {@code /internal/} API: the cluster secret
 * as a bearer token, or nothing in a cluster without one (all on loopback).
 */
public final class PeerCredentials {

    private static final PeerCredentials NONE = new PeerCredentials(null);

    private final ClusterSecret secret;

    private PeerCredentials(ClusterSecret secret) {
        this.secret = secret;
    }

    /** Nothing: for a cluster without a secret. */
    public static PeerCredentials none() {
        return NONE;
    }

    public static PeerCredentials of(ClusterSecret secret) {
        return new PeerCredentials(Objects.requireNonNull(secret, "secret"));
    }

    /** The value of the {@code Authorization} header; empty when there is no secret. */
    public Optional<String> authorization() {
        return secret == null ? Optional.empty() : Optional.of(secret.authorization());
    }

    /** Adds the {@code Authorization} header, when there is a secret; returns {@code request}. */
    public HttpRequest.Builder sign(HttpRequest.Builder request) {
        authorization().ifPresent(value -> request.header(InternalApi.AUTHORIZATION_HEADER, value));
        return request;
    }

    @Override
    public String toString() {
        return secret == null ? "no cluster secret" : secret.toString();
    }
}
