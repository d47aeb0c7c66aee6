package io.cere.stack.gateway;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Runs the event gateway in its own process until the process is told to stop.
 *
 * <pre>
 * GatewayMain --bootstrap-servers 127.0.0.1:9092 [--host 127.0.0.1] [--port 8080]
 *             [--topic events.raw] [--max-body-bytes 1048576] [--max-in-flight 20000]
 *             [--threads 4] [--producer-property key=value]...
 * </pre>
 *
 * <p>Prints one line when it is ready to take requests: {@code Event gateway listening on
 * http://127.0.0.1:8080 (events -> events.raw @ 127.0.0.1:9092)}. Exits with 2 on bad arguments and
 * 1 when the gateway cannot start.
 */
public final class GatewayMain {

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: GatewayMain --bootstrap-servers HOST:PORT[,HOST:PORT...] [options]",
                    "",
                    "Takes signed events on POST /events and writes them to Kafka.",
                    "",
                    "  --bootstrap-servers LIST    Kafka bootstrap servers (required)",
                    "  --host HOST                 address to listen on (default "
                            + GatewayOptions.DEFAULT_HOST
                            + ")",
                    "  --port PORT                 port to listen on, 0 for any free one (default "
                            + GatewayOptions.DEFAULT_PORT
                            + ")",
                    "  --topic NAME                topic to write events to (default "
                            + GatewayOptions.DEFAULT_TOPIC
                            + ")",
                    "  --max-body-bytes N          largest request body accepted (default "
                            + GatewayOptions.DEFAULT_MAX_BODY_BYTES
                            + ")",
                    "  --max-in-flight N           events awaiting Kafka before requests get 503"
                            + " (default "
                            + GatewayOptions.DEFAULT_MAX_IN_FLIGHT_EVENTS
                            + ")",
                    "  --threads N                 request threads (default "
                            + GatewayOptions.DEFAULT_THREADS
                            + ")",
                    "  --producer-property K=V     a Kafka producer setting; repeatable",
                    "  --help                      print this help and exit",
                    "");

    private GatewayMain() {}

    public static void main(String[] args) {
        GatewayOptions options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        EventGateway gateway;
        try {
            gateway = EventGateway.start(options);
        } catch (RuntimeException e) {
            System.err.println("error: cannot start the event gateway: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
        PrintStream out = System.out;
        out.println(readyLine(gateway));
        out.flush();
        // The HTTP server's dispatcher thread keeps the process alive until a signal stops it.
    }

    static String readyLine(EventGateway gateway) {
        GatewayOptions options = gateway.options();
        return "Event gateway listening on "
                + gateway.uri()
                + " (events -> "
                + options.topic()
                + " @ "
                + options.bootstrapServers()
                + ")";
    }

    /**
     * Parses the command line ({@code --name value} or {@code --name=value}).
     *
     * @return the options, or null when {@code --help} was asked for
     * @throws UsageException naming the argument that is wrong
     */
    static GatewayOptions parse(String[] args) throws UsageException {
        GatewayOptions.Builder builder = GatewayOptions.builder();
        Map<String, BiConsumer<String, String>> setters =
                Map.of(
                        "--host", (name, value) -> builder.host(value),
                        "--port", (name, value) -> builder.port(integer(name, value)),
                        "--bootstrap-servers", (name, value) -> builder.bootstrapServers(value),
                        "--topic", (name, value) -> builder.topic(value),
                        "--max-body-bytes",
                                (name, value) -> builder.maxBodyBytes(integer(name, value)),
                        "--max-in-flight",
                                (name, value) -> builder.maxInFlightEvents(integer(name, value)),
                        "--threads", (name, value) -> builder.threads(integer(name, value)),
                        "--producer-property",
                                (name, value) -> {
                                    int eq = value.indexOf('=');
                                    if (eq <= 0) {
                                        throw new IllegalArgumentException(
                                                name + ": expected KEY=VALUE, got '" + value + "'");
                                    }
                                    builder.producerOverride(
                                            value.substring(0, eq), value.substring(eq + 1));
                                });
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            BiConsumer<String, String> setter = setters.get(name);
            if (setter == null) {
                throw new UsageException("unknown argument '" + arg + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + ": a value is required");
                }
                value = args[++i];
            }
            try {
                setter.accept(name, value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + ": expected a whole number, got '" + value + "'");
        }
    }

    /** A command line that cannot be run; the message names the argument. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
