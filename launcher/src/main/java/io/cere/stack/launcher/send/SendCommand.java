package io.cere.stack.launcher.send;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.launcher.CommandFailedException;
import io.cere.stack.launcher.DataDirOption;
import io.cere.stack.launcher.keys.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cere send}: signs events with an account key and posts them to the gateway. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = {
            "Builds envelopes (random id, your account, the current time, the payload), signs"
                    + " them with your key and posts them to the gateway's POST /events.",
            "Prints the accepted event ids (up to 10 events) or a summary.",
            "",
            "Example: bin/cere send --app demo --type page.view --payload '{\"page\":\"/\"}'"
                    + " --count 1000"
        })
public final class SendCommand implements Callable<Integer> {

    /** Progress is shown for more events than this. */
    static final int LIST_IDS_UP_TO = 10;

    static final int MAX_BATCH_SIZE = 10_000;
    private static final long PROGRESS_EVERY_MILLIS = 250;

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Spec CommandSpec spec;

    @Mixin DataDirOption dataDir;

    @Option(names = "--app", required = true, paramLabel = "APP", description = "The appId.")
    String app;

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "The event type.")
    String type;

    @Option(
            names = "--payload",
            required = true,
            paramLabel = "JSON|@FILE",
            description = "The payload: a JSON object, or @file to read one from a file.")
    String payload;

    @Option(
            names = "--count",
            defaultValue = "1",
            paramLabel = "N",
            description = "How many events to send (default ${DEFAULT-VALUE}).")
    long count;

    @Option(
            names = "--batch",
            description =
                    "Send batch envelopes (\"_batchMode\": true): one signature over --batch-size"
                            + " events.")
    boolean batch;

    @Option(
            names = "--batch-size",
            defaultValue = "100",
            paramLabel = "N",
            description =
                    "Envelopes per request, or events per batch envelope with --batch (default"
                            + " ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description = "Key file to sign with. Default: <data-dir>/keys/default.json.")
    Path keyFile;

    @Option(
            names = "--gateway",
            defaultValue = "http://127.0.0.1:8080",
            paramLabel = "URL",
            description = "The gateway (default ${DEFAULT-VALUE}).")
    String gateway;

    @Option(
            names = "--concurrency",
            defaultValue = "4",
            paramLabel = "N",
            description = "Requests in flight at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Override
    public Integer call() throws Exception {
        URI events = validate();
        ObjectNode payloadJson = readPayload(payload);
        SigningKey key = readKey();
        EnvelopeFactory envelopes = new EnvelopeFactory(key, app, type, payloadJson);
        SendPlan plan = new SendPlan(envelopes, count, batchSize, batch);
        return send(plan, new GatewayClient(events));
    }

    /** Checks every option at once; the exception names each one that is wrong. */
    URI validate() {
        List<String> problems = new ArrayList<>();
        if (count < 1) {
            problems.add("--count must be at least 1, got " + count);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            problems.add(
                    "--batch-size must be between 1 and " + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        if (concurrency < 1 || concurrency > 256) {
            problems.add("--concurrency must be between 1 and 256, got " + concurrency);
        }
        if (app.isBlank()) {
            problems.add("--app must not be empty");
        }
        if (type.isBlank()) {
            problems.add("--type must not be empty");
        }
        URI events = null;
        try {
            events = GatewayClient.eventsUri(gateway);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        return events;
    }

    /** The payload from {@code --payload}: inline JSON, or {@code @file}. */
    static ObjectNode readPayload(String argument) {
        String source = "--payload";
        byte[] bytes;
        if (argument.startsWith("@")) {
            Path file = Path.of(argument.substring(1));
            source = "--payload file " + file;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CommandFailedException("cannot read " + source + ": " + e, e);
            }
        } else {
            bytes = argument.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new CommandFailedException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new CommandFailedException(
                    source
                            + " must be a JSON object, got "
                            + (json == null
                                    ? "nothing"
                                    : json.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return (ObjectNode) json;
    }

    private SigningKey readKey() {
        Path file = (keyFile != null ? keyFile : dataDir.get().defaultKey()).toAbsolutePath();
        try {
            return SigningKey.readFrom(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException(
                    "no key file at "
                            + file
                            + "; create one with `bin/cere keygen`"
                            + (keyFile != null ? " --out " + keyFile : ""));
        } catch (IOException e) {
            throw new CommandFailedException("cannot read key file " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
    }

    private int send(SendPlan plan, GatewayClient client) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SendProgress progress = new SendProgress(count, System.nanoTime());
        List<String> acceptedIds = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> failure = new AtomicReference<>();
        int workers = (int) Math.min(concurrency, plan.requests());
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        ScheduledExecutorService ticker = null;
        boolean showProgress = count > LIST_IDS_UP_TO;
        if (showProgress) {
            ticker = Executors.newSingleThreadScheduledExecutor();
            ticker.scheduleAtFixedRate(
                    () -> progress.redraw(err, System.nanoTime()),
                    PROGRESS_EVERY_MILLIS,
                    PROGRESS_EVERY_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            running.add(
                    pool.submit(
                            () -> {
                                sendUntilDone(plan, client, progress, acceptedIds, failure);
                                return null;
                            }));
        }
        try {
            for (Future<?> worker : running) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failure.compareAndSet(null, describe(e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
            if (ticker != null) {
                ticker.shutdownNow();
                ticker.awaitTermination(1, TimeUnit.SECONDS);
                progress.redraw(err, System.nanoTime());
                err.println();
                err.flush();
            }
        }
        long now = System.nanoTime();
        if (failure.get() != null) {
            err.println(
                    "send failed after "
                            + progress.accepted()
                            + " of "
                            + count
                            + " events were accepted: "
                            + failure.get());
            err.flush();
            return 1;
        }
        if (count <= LIST_IDS_UP_TO) {
            acceptedIds.forEach(out::println);
        } else {
            out.println(summary(progress, now));
        }
        out.flush();
        return 0;
    }

    /** Runs on each worker: takes requests from the plan until it is done or a request failed. */
    private void sendUntilDone(
            SendPlan plan,
            GatewayClient client,
            SendProgress progress,
            List<String> acceptedIds,
            AtomicReference<String> failure)
            throws IOException, InterruptedException {
        SendPlan.Request request;
        while (failure.get() == null && (request = plan.next()) != null) {
            GatewayClient.Answer answer = client.post(JSON.writeValueAsBytes(request.body()));
            progress.errors(answer.attempts() - 1);
            if (!answer.accepted()) {
                progress.errors(1);
                failure.compareAndSet(
                        null,
                        "the gateway at "
                                + client.events()
                                + " answered "
                                + answer.status()
                                + (answer.attempts() > 1
                                        ? " (after " + answer.attempts() + " attempts)"
                                        : "")
                                + ": "
                                + answer.body());
                return;
            }
            progress.accepted(request.eventIds().size());
            if (count <= LIST_IDS_UP_TO) {
                acceptedIds.addAll(request.eventIds());
            }
        }
    }

    private String summary(SendProgress progress, long nowNanos) {
        double seconds = Math.max(1e-9, progress.elapsed(nowNanos).toNanos() / 1e9);
        return String.format(
                Locale.ROOT,
                "sent %,d events (%s) in %,d requests to %s in %.1f s: %,.0f events/s, %,d retried",
                progress.accepted(),
                batch ? "batch envelopes of " + batchSize : "arrays of up to " + batchSize,
                progress.requests(),
                GatewayClient.eventsUri(gateway),
                seconds,
                progress.accepted() / seconds,
                progress.errors());
    }

    private static String describe(Throwable e) {
        return e instanceof IOException && e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
