package io.cere.stack.bench;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Timed PUT and GET phases against one server, from a fixed number of client threads, each with its
 * own client bound to one of the server's endpoints (thread {@code t} to endpoint {@code t % n}).
 * Every GET's bytes are compared with what was put, after its latency is taken.
 */
final class S3Load implements AutoCloseable {

    private final List<S3Client> clients;
    private final String bucket;

    S3Load(S3UnderTest server, S3AccessKey key, int threads, String bucket) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + "; expected at least 1");
        }
        List<S3Client> perThread = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            perThread.add(
                    S3BenchClient.create(
                            server.endpoints().get(t % server.endpoints().size()), key));
        }
        this.clients = List.copyOf(perThread);
        this.bucket = bucket;
    }

    /**
     * Creates the bucket, then waits until every thread's endpoint sees it: on a cluster the bucket
     * is created through one node and must be known to all.
     */
    void createBucket(Duration timeout) throws InterruptedException {
        clients.get(0).createBucket(b -> b.bucket(bucket));
        long deadline = System.nanoTime() + timeout.toNanos();
        for (S3Client client : clients) {
            while (true) {
                try {
                    client.headBucket(b -> b.bucket(bucket));
                    break;
                } catch (RuntimeException e) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException(
                                "Bucket " + bucket + " is not visible after " + timeout, e);
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    /**
     * PUTs each object of {@code objects} once, the threads taking the next one in turn, until all
     * are put or {@code limit} has passed (then no new request starts).
     */
    PhaseResult put(ObjectSet objects, Duration limit) throws InterruptedException {
        AtomicInteger cursor = new AtomicInteger();
        long deadline = System.nanoTime() + limit.toNanos();
        return run(
                thread -> {
                    if (System.nanoTime() - deadline > 0) {
                        return -1;
                    }
                    int index = cursor.getAndIncrement();
                    return index < objects.count() ? index : -1;
                },
                (client, index) -> {
                    byte[] bytes = objects.bytes(index);
                    client.putObject(
                            PutObjectRequest.builder()
                                    .bucket(bucket)
                                    .key(objects.key(index))
                                    .contentLength((long) bytes.length)
                                    .build(),
                            RequestBody.fromContentProvider(
                                    () -> new ByteArrayInputStream(bytes),
                                    bytes.length,
                                    "application/octet-stream"));
                    return null;
                },
                objects);
    }

    /**
     * GETs objects picked at random (seeded per thread) among {@code readable} until {@code length}
     * has passed.
     */
    PhaseResult get(ObjectSet objects, int[] readable, Duration length, long seed)
            throws InterruptedException {
        if (readable.length == 0) {
            throw new IllegalArgumentException(
                    "No object of " + objects.size() + " bytes could be put, so none to GET");
        }
        long deadline = System.nanoTime() + length.toNanos();
        SplittableRandom[] randoms = new SplittableRandom[clients.size()];
        for (int t = 0; t < randoms.length; t++) {
            randoms[t] = new SplittableRandom(seed + t);
        }
        return run(
                thread ->
                        System.nanoTime() - deadline > 0
                                ? -1
                                : readable[randoms[thread].nextInt(readable.length)],
                (client, index) -> {
                    ResponseBytes<GetObjectResponse> response =
                            client.getObjectAsBytes(
                                    GetObjectRequest.builder()
                                            .bucket(bucket)
                                            .key(objects.key(index))
                                            .build());
                    return response.asByteArrayUnsafe();
                },
                objects);
    }

    @Override
    public void close() {
        clients.forEach(S3Client::close);
    }

    /** Which object a thread requests next; -1 ends that thread's part of the phase. */
    private interface Picker {
        int next(int thread);
    }

    /** One request; returns the bytes a GET read, null for a PUT. */
    private interface Request {
        byte[] send(S3Client client, int index);
    }

    private PhaseResult run(Picker picker, Request request, ObjectSet objects)
            throws InterruptedException {
        Worker[] workers = new Worker[clients.size()];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < workers.length; t++) {
            Worker worker = new Worker(t, clients.get(t), picker, request, objects, start);
            workers[t] = worker;
            Thread thread = new Thread(worker, "s3-load-" + t);
            threads.add(thread);
            thread.start();
        }
        long begin = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long wall = System.nanoTime() - begin;

        long requests = 0;
        long errors = 0;
        long mismatches = 0;
        long bytes = 0;
        String firstError = null;
        List<long[]> latencies = new ArrayList<>();
        List<int[]> succeeded = new ArrayList<>();
        for (Worker w : workers) {
            requests += w.requests;
            errors += w.errors;
            mismatches += w.mismatches;
            bytes += w.bytes;
            if (firstError == null) {
                firstError = w.firstError;
            }
            latencies.add(Arrays.copyOf(w.latencies, w.ok));
            succeeded.add(Arrays.copyOf(w.succeeded, w.ok));
        }
        return new PhaseResult(
                requests,
                errors,
                mismatches,
                bytes,
                wall,
                new Latencies(concat(latencies)),
                firstError,
                Arrays.stream(concatInts(succeeded)).distinct().toArray());
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static int[] concatInts(List<int[]> parts) {
        int[] all = new int[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** One client thread's loop and what it saw; read only after the thread has ended. */
    private static final class Worker implements Runnable {

        private final int thread;
        private final S3Client client;
        private final Picker picker;
        private final Request request;
        private final ObjectSet objects;
        private final CountDownLatch start;

        long requests;
        long errors;
        long mismatches;
        long bytes;
        String firstError;
        int ok;
        long[] latencies = new long[1024];
        int[] succeeded = new int[1024];

        Worker(
                int thread,
                S3Client client,
                Picker picker,
                Request request,
                ObjectSet objects,
                CountDownLatch start) {
            this.thread = thread;
            this.client = client;
            this.picker = picker;
            this.request = request;
            this.objects = objects;
            this.start = start;
        }

        @Override
        public void run() {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int index = picker.next(thread); index >= 0; index = picker.next(thread)) {
                long begin = System.nanoTime();
                byte[] read;
                try {
                    read = request.send(client, index);
                } catch (RuntimeException e) {
                    requests++;
                    errors++;
                    if (firstError == null) {
                        firstError = objects.key(index) + ": " + e;
                    }
                    continue;
                }
                long latency = System.nanoTime() - begin;
                requests++;
                if (read != null && !Arrays.equals(read, objects.bytes(index))) {
                    mismatches++;
                    continue;
                }
                bytes += objects.size();
                record(latency, index);
            }
        }

        private void record(long latency, int index) {
            if (ok == latencies.length) {
                latencies = Arrays.copyOf(latencies, ok * 2);
                succeeded = Arrays.copyOf(succeeded, ok * 2);
            }
            latencies[ok] = latency;
            succeeded[ok] = index;
            ok++;
        }
    }
}
