package io.cere.stack.gateway.testutils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One client TCP connection to an HTTP server, written and read byte by byte: for what a
 * well-behaved client library will not do (several requests on one connection in a known order, a
 * request that stops half way).
 */
public final class RawHttpConnection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawHttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Connects to {@code port} on loopback; reads wait at most {@code readTimeout}. */
    public static RawHttpConnection open(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        return new RawHttpConnection(socket);
    }

    /** Sends a whole request with a Content-Length (and a Content-Type unless null). */
    public void sendRequest(String requestLine, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        send(head.toString().getBytes(StandardCharsets.US_ASCII));
        send(bytes);
    }

    /** Sends bytes as they are, for instance part of a request. */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one response, whose length must be given by Content-Length; headers and body. */
    public String readResponse() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(
                        "connection closed after '"
                                + head.toString(StandardCharsets.US_ASCII)
                                + "'");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = -1;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        if (length < 0) {
            throw new IOException("no Content-Length in " + headers);
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /**
     * Waits for the server to close the connection without sending anything.
     *
     * @return true when it closed (end of stream or reset) within {@code within}, false when the
     *     connection was still open and silent
     * @throws IOException when the server sent something instead, quoting it
     */
    public boolean closesSilentlyWithin(Duration within) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout((int) within.toMillis());
        try {
            byte[] buffer = new byte[512];
            int n = in.read(buffer);
            if (n < 0) {
                return true;
            }
            throw new IOException(
                    "the server answered: "
                            + new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            // Reset: the server closed with bytes of ours still unread.
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(timeout);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
