package io.cere.stack.storage.client.testutils;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server that answers the native API's requests as it is told: it serves the blobs given to
 * it, and can be told to flip a byte, cut an answer short, answer every request with an error, or
 * send a forged proof — the failures a real node never produces on purpose, which the client must
 * still handle. It records every request.
 */
public final class ScriptedNode implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<Cid, TestBlob> blobs = new ConcurrentHashMap<>();
    private final Map<Cid, ObjectNode> proofs = new ConcurrentHashMap<>();
    private final Map<Cid, Long> flipped = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<byte[]> puts = new CopyOnWriteArrayList<>();
    private volatile long cutAfter = -1;
    private volatile int errorStatus;
    private volatile String errorBody;

    private ScriptedNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cas/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static ScriptedNode start() throws IOException {
        return new ScriptedNode();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves {@code blob}: its bytes, its size and its proof. */
    public ScriptedNode serve(TestBlob blob) {
        blobs.put(blob.cid(), blob);
        proofs.put(blob.cid(), blob.proof());
        return this;
    }

    /** Answers the proof request for {@code cid} with {@code proof} instead. */
    public ScriptedNode forgeProof(Cid cid, ObjectNode proof) {
        proofs.put(cid, proof);
        return this;
    }

    /** Serves {@code cid} with the byte at {@code offset} of the blob inverted. */
    public ScriptedNode flipByte(Cid cid, long offset) {
        flipped.put(cid, offset);
        return this;
    }

    /** Drops the connection after sending {@code bytes} of a blob's body. */
    public ScriptedNode cutAfter(long bytes) {
        cutAfter = bytes;
        return this;
    }

    /** Reads each request's body, then answers it with {@code status} and this JSON error. */
    public ScriptedNode failWith(int status, String error, String message) {
        errorBody =
                new ObjectMapper()
                        .createObjectNode()
                        .put("error", error)
                        .put("message", message)
                        .toString();
        errorStatus = status;
        return this;
    }

    /** Each request as {@code METHOD path [Range]}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The bodies of the PUTs received, in order. */
    public List<byte[]> puts() {
        return List.copyOf(puts);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(
                    method
                            + " "
                            + path
                            + (query == null ? "" : "?" + query)
                            + (range == null ? "" : " " + range));
            if (errorStatus != 0) {
                // As a node that fails a put after reading it: the body is gone.
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                byte[] bytes = errorBody.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(errorStatus, bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            String[] parts = path.substring("/cas/".length()).split("/");
            if (parts.length == 1 && method.equals("PUT")) {
                put(exchange);
            } else if (parts.length == 3 && parts[2].equals("proof")) {
                json(exchange, 200, proofs.get(Cid.parse(parts[1])).toString());
            } else if (parts.length == 2) {
                blob(exchange, Cid.parse(parts[1]), range);
            } else {
                json(exchange, 400, "{\"error\": \"BadRequest\", \"message\": \"what?\"}");
            }
        }
    }

    private void put(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        puts.add(body);
        Cid cid = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, body);
        json(exchange, 201, "{\"cid\": \"" + cid + "\", \"size\": " + body.length + "}");
    }

    private void blob(HttpExchange exchange, Cid cid, String range) throws IOException {
        TestBlob blob = blobs.get(cid);
        if (blob == null) {
            json(exchange, 404, "{\"error\": \"NotFound\", \"message\": \"no blob " + cid + "\"}");
            return;
        }
        byte[] content = blob.content();
        Long flip = flipped.get(cid);
        if (flip != null) {
            content[Math.toIntExact(flip)] ^= (byte) 0xff;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(content.length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        byte[] body = content;
        if (range != null) {
            Matcher matcher = RANGE.matcher(range);
            if (!matcher.matches()) {
                throw new IllegalStateException("the client sent Range " + range);
            }
            int first = Integer.parseInt(matcher.group(1));
            int last = Integer.parseInt(matcher.group(2));
            body = Arrays.copyOfRange(content, first, last + 1);
            exchange.getResponseHeaders()
                    .set("Content-Range", "bytes " + first + "-" + last + "/" + content.length);
            exchange.sendResponseHeaders(206, body.length);
        } else {
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        }
        OutputStream out = exchange.getResponseBody();
        if (cutAfter >= 0 && cutAfter < body.length) {
            out.write(body, 0, (int) cutAfter);
            out.flush();
            // Ends the exchange short of its Content-Length: the server drops the connection.
            return;
        }
        out.write(body);
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
