package io.cere.stack.storage.node.peer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 to one peer, each call made on the calling thread over a kept-alive connection.
 *
 * <p>Node-to-node calls are small and many: a 64 KiB GET makes about six. The JDK's {@code
 * HttpClient} passes every exchange through its selector thread and its executor, three thread
 * hand-offs per call that on a two-core machine cost more than the call's own work. Here a call
 * writes its request and reads the response on the thread that makes it: no hand-off at all.
 *
 * <p>Idle connections are kept for {@link #IDLE_LIMIT}, well inside the JDK server's 30 s idle
 * timeout, so a kept connection is almost never one the peer has closed. When it is (the peer
 * restarted), an idempotent call that failed before any response byte came back is sent once more
 * on a new connection; a call that is not idempotent always gets a new connection.
 *
 * <p>The response body is read whole: internal responses are one shard, manifest or record page, at
 * most {@link #MAX_BODY} bytes.
 */
public final class PeerHttpClient implements Closeable {

    /** How long a connection may sit idle before it is closed rather than reused. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(10);

    /** The largest response body accepted. */
    static final int MAX_BODY = 256 << 20;

    private static final int MAX_HEAD_LINE = 16 << 10;
    private static final int MAX_HEADERS = 100;

    /** A response: its status and its whole body. */
    public record Response(int status, byte[] body) {}

    private final String host;
    private final int port;
    private final boolean tls;
    private final String hostHeader;
    private final String basePath;
    private final int timeoutMillis;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /**
     * @param base the peer's base URL, {@code http://} or {@code https://}; request paths are
     *     appended to its path
     * @param timeout the most a call waits to connect, and for each read of the response
     */
    public PeerHttpClient(URI base, Duration timeout) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = Objects.requireNonNull(base.getScheme(), "base URL scheme");
        tls = scheme.equalsIgnoreCase("https");
        if (!tls && !scheme.equalsIgnoreCase("http")) {
            throw new IllegalArgumentException(
                    "peer URL is " + base + "; expected an http:// or https:// URL");
        }
        host = Objects.requireNonNull(base.getHost(), "base URL host");
        port = base.getPort() != -1 ? base.getPort() : tls ? 443 : 80;
        hostHeader = base.getPort() != -1 ? host + ":" + port : host;
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        long millis = timeout.toMillis();
        if (millis < 1 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "timeout is " + timeout + "; expected 1 ms to " + Integer.MAX_VALUE + " ms");
        }
        timeoutMillis = (int) millis;
    }

    /**
     * Sends one request and reads its response.
     *
     * @param headers name, value, name, value, ...
     * @param body the request body; null for none
     * @param idempotent whether the request may be sent twice: only such requests reuse connections
     * @throws IOException when the peer cannot be reached, does not answer in time, or answers with
     *     something that is not an HTTP/1.1 response
     */
    public Response send(
            String method, String path, List<String> headers, byte[] body, boolean idempotent)
            throws IOException {
        if (closed) {
            throw new IOException("the client of " + hostHeader + " is closed");
        }
        byte[] head = head(method, path, headers, body);
        if (idempotent) {
            Connection kept;
            while ((kept = takeIdle()) != null) {
                try {
                    return exchange(kept, head, body);
                } catch (StaleConnection e) {
                    // The peer dropped the connection while it sat idle, without seeing the
                    // request: send it again on another one.
                }
            }
        }
        try {
            return exchange(open(), head, body);
        } catch (StaleConnection e) {
            throw e.getCause();
        }
    }

    /** One exchange; the connection is kept for the next call or closed. */
    private Response exchange(Connection connection, byte[] head, byte[] body) throws IOException {
        Response response;
        boolean reusable;
        try {
            try {
                connection.out.write(head);
                if (body != null) {
                    connection.out.write(body);
                }
                connection.out.flush();
                if (connection.in.peekFirstByte() < 0) {
                    throw new EOFException("the peer closed the connection without answering");
                }
            } catch (SocketTimeoutException e) {
                // A peer that is slow, not gone: sending again would only wait again.
                throw e;
            } catch (IOException e) {
                throw new StaleConnection(e);
            }
            ResponseHead status = readHead(connection.in);
            byte[] content = readBody(connection.in, status);
            response = new Response(status.status, content);
            reusable = status.keepAlive;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        if (reusable && !closed) {
            connection.idleSince = System.nanoTime();
            idle.push(connection);
        } else {
            connection.close();
        }
        return response;
    }

    private Connection takeIdle() {
        long now = System.nanoTime();
        Connection connection;
        while ((connection = idle.poll()) != null) {
            if (now - connection.idleSince < IDLE_LIMIT.toNanos()) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private Connection open() throws IOException {
        Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            if (socket instanceof SSLSocket ssl) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
            }
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private byte[] head(String method, String path, List<String> headers, byte[] body) {
        if (headers.size() % 2 != 0) {
            throw new IllegalArgumentException("headers are name, value pairs; got " + headers);
        }
        StringBuilder text = new StringBuilder(160 + 40 * headers.size());
        text.append(method).append(' ').append(basePath).append(path).append(" HTTP/1.1\r\n");
        text.append("Host: ").append(hostHeader).append("\r\n");
        for (int i = 0; i < headers.size(); i += 2) {
            String name = headers.get(i);
            String value = headers.get(i + 1);
            if (!isToken(name) || !isFieldValue(value)) {
                throw new IllegalArgumentException(
                        "header '" + name + "' cannot be sent as it is: '" + value + "'");
            }
            text.append(name).append(": ").append(value).append("\r\n");
        }
        if (body != null) {
            text.append("Content-Length: ").append(body.length).append("\r\n");
        }
        text.append("\r\n");
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private ResponseHead readHead(LineInput in) throws IOException {
        String statusLine = in.line();
        // HTTP/1.1 200 OK
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: '" + excerpt(statusLine) + "'");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("no status code in '" + excerpt(statusLine) + "'", e);
        }
        boolean keepAlive = statusLine.startsWith("HTTP/1.1");
        long contentLength = -1;
        boolean chunked = false;
        for (int count = 0; ; count++) {
            String line = in.line();
            if (line.isEmpty()) {
                break;
            }
            if (count == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " response headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed response header '" + excerpt(line) + "'");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("Content-Length is '" + excerpt(value) + "'", e);
                    }
                }
                case "transfer-encoding" ->
                        chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                case "connection" -> {
                    String option = value.toLowerCase(Locale.ROOT);
                    if (option.contains("close")) {
                        keepAlive = false;
                    } else if (option.contains("keep-alive")) {
                        keepAlive = true;
                    }
                }
                default -> {}
            }
        }
        // No Expect header is ever sent, so no 1xx answer comes before the real one.
        boolean noBody = status == 204 || status == 304;
        if (!noBody && !chunked && contentLength < 0) {
            // The body runs to the end of the connection.
            keepAlive = false;
        }
        return new ResponseHead(status, noBody ? 0 : contentLength, chunked && !noBody, keepAlive);
    }

    private static byte[] readBody(LineInput in, ResponseHead head) throws IOException {
        if (head.chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = in.line();
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
                long size;
                try {
                    size = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("chunk size is '" + excerpt(sizeLine) + "'", e);
                }
                if (size == 0) {
                    while (!in.line().isEmpty()) {
                        // trailers: none are used
                    }
                    return out.toByteArray();
                }
                if (size < 0 || out.size() + size > MAX_BODY) {
                    throw new IOException("response body over " + MAX_BODY + " bytes");
                }
                out.write(in.exactly((int) size));
                if (!in.line().isEmpty()) {
                    throw new IOException("a chunk of the response does not end with CRLF");
                }
            }
        }
        if (head.contentLength >= 0) {
            if (head.contentLength > MAX_BODY) {
                throw new IOException(
                        "response body of " + head.contentLength + " bytes; at most " + MAX_BODY);
            }
            return in.exactly((int) head.contentLength);
        }
        return in.rest(MAX_BODY);
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || c == ':') {
                return false;
            }
        }
        return true;
    }

    private static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 127 || c > 255) {
                return false;
            }
        }
        return true;
    }

    private static String excerpt(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    /** Closes the idle connections; calls in flight finish, and their connections then close. */
    @Override
    public void close() {
        closed = true;
        Connection connection;
        while ((connection = idle.poll()) != null) {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "HTTP client of " + (tls ? "https://" : "http://") + hostHeader + basePath;
    }

    private record ResponseHead(
            int status, long contentLength, boolean chunked, boolean keepAlive) {}

    /** An I/O failure before any byte of the response: the request may be sent again. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private static final class Connection {
        final Socket socket;
        final OutputStream out;
        final LineInput in;
        long idleSince;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8 << 10);
            this.in = new LineInput(socket.getInputStream());
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Nothing is waiting on a connection being closed.
            }
        }
    }

    /** The response side of a connection: CRLF-terminated lines and counted bytes. */
    private static final class LineInput {
        private final BufferedInputStream in;

        LineInput(InputStream in) {
            this.in = new BufferedInputStream(in, 16 << 10);
        }

        /** The next byte, without consuming it; -1 at the end of the stream. */
        int peekFirstByte() throws IOException {
            in.mark(1);
            int first = in.read();
            in.reset();
            return first;
        }

        String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new EOFException("the response ended inside its head");
                }
                if (c == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                if (line.length() == MAX_HEAD_LINE) {
                    throw new IOException(
                            "a response header line over " + MAX_HEAD_LINE + " bytes");
                }
                line.append((char) c);
            }
        }

        byte[] exactly(int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new EOFException(
                        "the response body ended after "
                                + bytes.length
                                + " of "
                                + length
                                + " bytes");
            }
            return bytes;
        }

        byte[] rest(int limit) throws IOException {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new IOException("response body over " + limit + " bytes");
            }
            return bytes;
        }
    }
}
