package io.cere.stack.storage.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.cere.stack.storage.node.blob.ErasureBlobStore;
import io.cere.stack.storage.node.config.ClusterSecret;
import io.cere.stack.storage.node.index.ReplicatedMetadataIndex;
import io.cere.stack.storage.node.metrics.NodeMetrics;
import io.cere.stack.storage.node.peer.Cluster;
import io.cere.stack.storage.node.scrub.ScrubReport;
import io.cere.stack.storage.node.scrub.Scrubber;
import io.cere.stack.storage.s3.backend.ActivityListener;
import io.cere.stack.storage.s3.backend.BlobNotFoundException;
import io.cere.stack.storage.s3.backend.StorageUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every path a node answers on its one port. The node's own paths come first: {@code /cas/...} (the
 * native API), {@code /internal/...} (node to node, and {@value #SCRUB_PATH} for operators), {@code
 * GET /health} and {@code GET /metrics}; everything else goes to the S3 API, which refuses {@code
 * cas}, {@code internal}, {@code health} and {@code metrics} as bucket names. A request whose Host
 * names a bucket under an S3 base domain (virtual-host style) always goes to the S3 API, whatever
 * its path.
 *
 * <p>Each request gets an {@code X-Request-Id}, is counted and timed in the metrics under its
 * operation and status, and failures become JSON errors: 404 for a missing blob, 400 for bad input,
 * 503 when too few nodes or shards are reachable. Requests under {@code /internal/} must carry the
 * cluster secret, if there is one ({@link InternalAccess}); a refusal is counted under the
 * operation asked for, with status 401 or 403.
 */
public final class NodeRoutes implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRoutes.class);

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** {@code POST}: runs a scrub pass on this node now and answers with its report. */
    public static final String SCRUB_PATH = "/internal/admin/scrub";

    private final String nodeId;
    private final String fingerprint;
    private final CasHandler cas;
    private final InternalHandler internal;
    private final InternalAccess internalAccess;
    private final Scrubber scrubber;
    private final NodeMetrics metrics;
    private final HttpHandler s3;
    private final List<String> s3BaseDomains;
    private final BooleanSupplier ready;
    private final RequestSlots clientSlots;
    private final RequestSlots internalSlots;

    /**
     * @param clusterSecret what callers of {@code /internal/} must present; empty: nothing
     * @param s3 the S3 API, or null for none (its paths then answer 404)
     * @param s3BaseDomains the S3 API's base domains for virtual-host-style requests
     * @param ready whether the node has finished starting (reported by {@code /health})
     * @param clientSlots for clients: the native API, S3, health, metrics, scrub
     * @param internalSlots for the other nodes
     */
    public NodeRoutes(
            String nodeId,
            String fingerprint,
            Cluster cluster,
            ErasureBlobStore blobs,
            ReplicatedMetadataIndex index,
            Scrubber scrubber,
            NodeMetrics metrics,
            Optional<ClusterSecret> clusterSecret,
            ActivityListener activity,
            HttpHandler s3,
            List<String> s3BaseDomains,
            BooleanSupplier ready,
            RequestSlots clientSlots,
            RequestSlots internalSlots) {
        this.nodeId = nodeId;
        this.fingerprint = fingerprint;
        this.cas = new CasHandler(blobs, cluster, metrics, activity);
        this.internal = new InternalHandler(cluster.self(), index, fingerprint);
        this.internalAccess = new InternalAccess(clusterSecret);
        this.scrubber = scrubber;
        this.metrics = metrics;
        this.s3 = s3;
        this.s3BaseDomains =
                s3BaseDomains.stream().map(domain -> domain.toLowerCase(Locale.ROOT)).toList();
        this.ready = ready;
        this.clientSlots = clientSlots;
        this.internalSlots = internalSlots;
    }

    /**
     * Serves the request in a slot of its kind. Requests between nodes never wait behind client
     * requests, which themselves wait on other nodes: with one limit, enough clients could hold
     * every slot of every node while each waits for a peer with none left.
     */
    @Override
    public void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String path = exchange.getRequestURI().getRawPath();
        boolean betweenNodes =
                path.startsWith("/internal/")
                        && !path.equals(SCRUB_PATH)
                        && !isVirtualHosted(exchange);
        boolean served = false;
        try {
            served =
                    (betweenNodes ? internalSlots : clientSlots)
                            .run(() -> serve(exchange, started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!served) {
                // The node is stopping.
                exchange.close();
            }
        }
    }

    private void serve(HttpExchange exchange, long started) {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        String operation = "s3";
        try {
            exchange.getResponseHeaders().set(REQUEST_ID_HEADER, UUID.randomUUID().toString());
            if (isVirtualHosted(exchange)) {
                s3(exchange);
            } else if (path.startsWith("/cas/")) {
                operation = CasHandler.operation(method, path.substring(5));
                cas.handle(exchange, path.substring(5));
            } else if (path.equals(SCRUB_PATH)) {
                operation = "scrub";
                if (internalAccess.admits(exchange)) {
                    scrub(exchange);
                }
            } else if (path.startsWith("/internal/")) {
                operation = InternalHandler.operation(method, path);
                if (internalAccess.admits(exchange)) {
                    internal.handle(exchange, path);
                }
            } else if (path.equals("/health") && isRead(method)) {
                operation = "health";
                health(exchange);
            } else if (path.equals("/metrics") && isRead(method)) {
                operation = "metrics";
                metrics(exchange);
            } else {
                s3(exchange);
            }
        } catch (BlobNotFoundException e) {
            fail(exchange, 404, "NotFound", e);
        } catch (StorageUnavailableException e) {
            LOG.warn("{} {}: {}", method, path, e.getMessage());
            fail(exchange, 503, "StorageUnavailable", e);
        } catch (MethodNotAllowedException e) {
            fail(exchange, 405, "MethodNotAllowed", e);
        } catch (BadRequestException | IllegalArgumentException e) {
            fail(exchange, 400, "BadRequest", e);
        } catch (IOException | RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            fail(exchange, 500, "InternalError", e);
        } catch (Error e) {
            LOG.error("{} {} failed", method, path, e);
            fail(exchange, 500, "InternalError", new IOException(e.toString(), e));
            throw e;
        } finally {
            exchange.close();
            metrics.request(operation, exchange.getResponseCode(), System.nanoTime() - started);
        }
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    private boolean isVirtualHosted(HttpExchange exchange) {
        if (s3 == null || s3BaseDomains.isEmpty()) {
            return false;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        return s3BaseDomains.stream().anyMatch(domain -> name.endsWith("." + domain));
    }

    private void s3(HttpExchange exchange) throws IOException {
        if (s3 == null) {
            JsonResponses.error(
                    exchange,
                    404,
                    "NoSuchResource",
                    "no resource at "
                            + exchange.getRequestURI().getRawPath()
                            + "; this node serves /cas/{bucket}, /cas/{bucket}/{cid},"
                            + " /cas/{bucket}/{cid}/proof, /health and /metrics");
            return;
        }
        s3.handle(exchange);
    }

    private void health(HttpExchange exchange) throws IOException {
        ObjectNode body = JsonResponses.object();
        boolean up = ready.getAsBoolean();
        body.put("node", nodeId);
        body.put("status", up ? "ok" : "starting");
        body.put("cluster", fingerprint);
        JsonResponses.send(exchange, up ? 200 : 503, body);
    }

    private void metrics(HttpExchange exchange) throws IOException {
        byte[] text = metrics.prometheusText().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, text.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(text);
        }
    }

    private void scrub(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new MethodNotAllowedException(
                    exchange.getRequestMethod() + " " + SCRUB_PATH + "; expected POST");
        }
        ScrubReport report = scrubber.runOnce();
        ObjectNode body = JsonResponses.object();
        body.put("node", nodeId);
        body.put("checked", report.checked());
        body.put("corrupt", report.corrupt());
        body.put("repaired", report.repaired());
        body.put("unrepaired", report.unrepaired());
        body.put("bytes", report.bytes());
        JsonResponses.send(exchange, 200, body);
    }

    /** Answers with a JSON error, unless the response was already started (then it is cut). */
    private static void fail(HttpExchange exchange, int status, String error, Exception e) {
        if (exchange.getResponseCode() != -1) {
            LOG.warn(
                    "{} {}: failed after the response started; cutting it off: {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    e.toString());
            return;
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        try {
            JsonResponses.error(exchange, status, error, message);
        } catch (IOException sendFailure) {
            LOG.debug("Could not send the error answer: {}", sendFailure.toString());
        }
    }
}
