package io.cere.stack.gateway;

import java.time.Duration;
import java.util.Properties;

/**
 * The settings of the JDK's HTTP server that the gateway depends on. The server takes them only
 * from system properties, once per process, when the first server is made. So they apply to every
 * gateway in the process. {@link EventGateway} sets each one before it makes its server, unless the
 * user already set it with {@code -D}.
 */
final class HttpServerProperties {

    /**
     * TCP_NODELAY on accepted connections. The JDK server writes the headers and the body of an
     * answer in two writes. Without it, a keep-alive client can wait for a delayed ACK on every
     * answer.
     */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    /**
     * The most time, in whole seconds, from the first byte of a request to the end of its body.
     * After that the JDK server closes the connection without an answer. A request's headers and
     * body are read on a request thread, so without this limit a client that sends a few bytes and
     * then stalls holds a thread for ever, and as many such clients as there are threads stop the
     * gateway. A value of 0 or less means no limit. The timer checks about once a second ({@code
     * sun.net.httpserver.timerMillis}).
     *
     * <p>The time a request waits for Kafka is not counted: that starts once its body has been
     * read, and holds no thread.
     */
    static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";

    /** The gateway's request-time limit when the user has not set {@link #MAX_REQUEST_TIME}. */
    static final Duration DEFAULT_MAX_REQUEST_TIME = Duration.ofSeconds(30);

    private HttpServerProperties() {}

    /** Sets each property the user has not set to the gateway's default. */
    static void applyDefaults(Properties properties) {
        setIfAbsent(properties, NO_DELAY, "true");
        setIfAbsent(
                properties, MAX_REQUEST_TIME, Long.toString(DEFAULT_MAX_REQUEST_TIME.toSeconds()));
    }

    /**
     * The request-time limit as the JDK server reads it ({@link Long#getLong(String)}): whole
     * seconds, or null when there is no limit (unset, not a number, or 0 or less).
     */
    static Duration maxRequestTime(Properties properties) {
        String value = properties.getProperty(MAX_REQUEST_TIME);
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.decode(value);
            return seconds > 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void setIfAbsent(Properties properties, String key, String value) {
        if (properties.getProperty(key) == null) {
            properties.setProperty(key, value);
        }
    }
}
