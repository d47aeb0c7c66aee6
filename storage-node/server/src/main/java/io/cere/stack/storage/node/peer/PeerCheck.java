package io.cere.stack.storage.node.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cere.stack.storage.node.config.ClusterConfig;
import io.cere.stack.storage.node.config.ClusterConfigException;
import io.cere.stack.storage.node.config.ClusterMember;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check of the peers: each must accept this node's cluster secret and answer {@code
 * GET /internal/identity} ({@link InternalApi#IDENTITY}) with its own id (not another node's, which
 * would mean swapped URLs) and the same cluster fingerprint (the same members, k, m and segment
 * size). A peer that refuses the secret or answers wrongly fails the start at once; one that does
 * not answer is waited for until the start-up timeout, then named in the error unless the cluster
 * file allows that many to be missing.
 */
public final class PeerCheck {

    private static final Logger LOG = LoggerFactory.getLogger(PeerCheck.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterConfig config;
    private final HttpClient http;
    private final PeerCredentials credentials;

    /**
     * @param credentials what this node presents to its peers, as {@link RemoteNode} does
     */
    public PeerCheck(ClusterConfig config, HttpClient http, PeerCredentials credentials) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Waits until every peer answers as itself, or the start-up timeout passes.
     *
     * @return the peers still unreachable (at most {@link
     *     ClusterConfig#unreachablePeersAllowedAtStart})
     * @throws ClusterConfigException when a peer refuses this node's cluster secret, answers as
     *     another node or another cluster, or more peers than allowed are unreachable at the
     *     timeout
     */
    public List<ClusterMember> await(List<ClusterMember> peers) throws InterruptedException {
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        Map<ClusterMember, String> pending = new LinkedHashMap<>();
        for (ClusterMember peer : peers) {
            pending.put(peer, "not asked yet");
        }
        while (!pending.isEmpty()) {
            for (ClusterMember peer : new ArrayList<>(pending.keySet())) {
                String problem = check(peer);
                if (problem == null) {
                    pending.remove(peer);
                } else {
                    pending.put(peer, problem);
                }
            }
            if (pending.isEmpty() || System.nanoTime() - deadline >= 0) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        if (pending.size() > config.unreachablePeersAllowedAtStart()) {
            throw new ClusterConfigException(
                    String.format(
                            "%d of %d peers did not answer within the startup timeout of %d s"
                                    + " (%s allows %d): %s. Check that they are started and that"
                                    + " their URLs are right",
                            pending.size(),
                            peers.size(),
                            config.startupTimeout().toSeconds(),
                            config.source(),
                            config.unreachablePeersAllowedAtStart(),
                            describe(pending)));
        }
        if (!pending.isEmpty()) {
            LOG.warn(
                    "Starting without {} unreachable peers (at most {} allowed): {}",
                    pending.size(),
                    config.unreachablePeersAllowedAtStart(),
                    describe(pending));
        }
        return List.copyOf(pending.keySet());
    }

    /** Null when the peer answered as itself, else what is wrong. */
    private String check(ClusterMember peer) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            credentials
                                    .sign(
                                            HttpRequest.newBuilder(
                                                    peer.resolve(InternalApi.IDENTITY)))
                                    .timeout(config.peerTimeout())
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return e.toString();
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new ClusterConfigException(
                    String.format(
                            "%s at %s: refused this node's cluster secret; every node needs the"
                                    + " same --cluster-secret file (answered %d: %s)",
                            peer.id(), peer.url(), status, errorMessage(response.body())));
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return "answered " + response.statusCode() + " with something other than JSON";
        }
        String node = body.path("node").asText("");
        String cluster = body.path("cluster").asText("");
        if (!node.equals(peer.id())) {
            throw new ClusterConfigException(
                    String.format(
                            "%s lists node %s at %s, but the node there says it is '%s'; are two"
                                    + " URLs swapped?",
                            config.source(), peer.id(), peer.url(), node));
        }
        if (!cluster.equals(config.fingerprint())) {
            throw new ClusterConfigException(
                    String.format(
                            "node %s at %s runs with another cluster file (fingerprint %s, ours %s:"
                                    + " members, k, m or segment size differ); every node must be"
                                    + " started with the same one",
                            peer.id(), peer.url(), cluster, config.fingerprint()));
        }
        return null;
    }

    /** The {@code message} of a node's JSON error, else the body itself. */
    private static String errorMessage(String body) {
        try {
            return JSON.readTree(body).path("message").asText(body);
        } catch (IOException e) {
            return body;
        }
    }

    private static String describe(Map<ClusterMember, String> pending) {
        return pending.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining("; "));
    }
}
