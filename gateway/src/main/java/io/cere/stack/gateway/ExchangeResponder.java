package io.cere.stack.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes answers and ends exchanges, and counts the exchanges still open (so shutting down can wait
 * for the ones whose events are on their way to Kafka).
 *
 * <p>Answers that become known on a Kafka producer thread are handed to the request executor: the
 * producer's network thread never writes to a client socket.
 */
final class ExchangeResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeResponder.class);

    private final Executor executor;
    private final AtomicInteger open = new AtomicInteger();

    ExchangeResponder(Executor executor) {
        this.executor = executor;
    }

    /** Called once when an exchange arrives. */
    void opened() {
        open.incrementAndGet();
    }

    /** Exchanges that arrived and have not been answered yet. */
    int openExchanges() {
        return open.get();
    }

    /** Answers on the calling thread and ends the exchange. */
    void send(HttpExchange exchange, GatewayResponse response) {
        try {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", response.contentType());
            response.headers().forEach(headers::set);
            byte[] body = response.body();
            // Always a Content-Length (never chunked), so the connection can be kept alive.
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.debug(
                    "Could not answer {} {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    e);
        } finally {
            exchange.close();
            open.decrementAndGet();
        }
    }

    /** Answers on a request thread; for answers that become known on another thread. */
    void sendLater(HttpExchange exchange, GatewayResponse response) {
        try {
            executor.execute(() -> send(exchange, response));
        } catch (RejectedExecutionException e) {
            // The request threads are gone (shutting down): answer here rather than never.
            send(exchange, response);
        }
    }

    /** Ends an exchange without an answer (the client's connection failed). */
    void abandon(HttpExchange exchange) {
        try {
            exchange.close();
        } finally {
            open.decrementAndGet();
        }
    }
}
