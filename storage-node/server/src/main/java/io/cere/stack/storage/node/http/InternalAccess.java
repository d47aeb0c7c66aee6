package io.cere.stack.storage.node.http;

import com.sun.net.httpserver.HttpExchange;
import io.cere.stack.storage.node.config.ClusterSecret;
import io.cere.stack.storage.node.peer.InternalApi;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call {@code /internal/}: with a cluster secret, only requests carrying {@code
 * Authorization: Bearer <secret>}; a request without it is answered 401 (with a {@code
 * WWW-Authenticate} challenge), one with another secret 403. Either is refused before its body is
 * read or any store is touched. Without a secret (a cluster all on loopback) everyone may.
 *
 * <p>One exception: {@code GET /internal/shards/{cid}} is open to all. A blob's proof ({@code GET
 * /cas/{bucket}/{cid}/proof}) sends clients there to check each shard themselves, and a shard says
 * no more than the blob does, which {@code GET /cas/...} serves to anyone.
 */
final class InternalAccess {

    private static final Logger LOG = LoggerFactory.getLogger(InternalAccess.class);
    private static final String BEARER = "Bearer ";

    private final Optional<ClusterSecret> secret;

    InternalAccess(Optional<ClusterSecret> secret) {
        this.secret = secret;
    }

    /**
     * Whether the request may go on; if not, it has been answered with a JSON error that says what
     * was wrong (never the secret).
     */
    boolean admits(HttpExchange exchange) throws IOException {
        if (secret.isEmpty() || isShardRead(exchange)) {
            return true;
        }
        String authorization =
                exchange.getRequestHeaders().getFirst(InternalApi.AUTHORIZATION_HEADER);
        if (authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            warn(exchange, "no cluster secret");
            exchange.getResponseHeaders().set("WWW-Authenticate", InternalApi.CHALLENGE);
            JsonResponses.error(
                    exchange,
                    401,
                    "MissingClusterSecret",
                    exchange.getRequestURI().getRawPath()
                            + " is for the nodes of the cluster; send the cluster secret as"
                            + " 'Authorization: Bearer <secret>'");
            return false;
        }
        if (!secret.get().matches(authorization.substring(BEARER.length()))) {
            warn(exchange, "another cluster secret");
            JsonResponses.error(
                    exchange,
                    403,
                    "WrongClusterSecret",
                    "the Authorization header carries another secret than this node's cluster"
                            + " secret; every node needs the same --cluster-secret file");
            return false;
        }
        return true;
    }

    private static boolean isShardRead(HttpExchange exchange) {
        return "GET".equals(exchange.getRequestMethod())
                && exchange.getRequestURI().getRawPath().startsWith(InternalApi.SHARDS);
    }

    private static void warn(HttpExchange exchange, String what) {
        String from = exchange.getRequestHeaders().getFirst(InternalApi.FROM_HEADER);
        LOG.warn(
                "Refused {} {} from {}{}: {}",
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRemoteAddress(),
                from == null ? "" : " (says it is node " + from + ")",
                what);
    }
}
