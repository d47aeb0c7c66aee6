package io.cere.stack.storage.client;

import io.cere.stack.storage.cas.HashAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The bytes of one {@link StorageClient#put}: a file, a byte array or a stream, sent as they are
 * read (never held whole in memory), with the hash algorithm to choose for a new bucket and a
 * listener for progress. Immutable; the {@code with...} methods return a copy.
 *
 * <p>A file or a byte array can be sent again, so a put that fails on one node is retried on the
 * next; a stream only while nothing of it has been read.
 */
public final class Upload {

    private final Supplier<InputStream> source;
    private final long length;
    private final boolean replayable;
    private final AtomicBoolean opened;
    private final HashAlgorithm hash;
    private final ProgressListener progress;

    private Upload(
            Supplier<InputStream> source,
            long length,
            boolean replayable,
            AtomicBoolean opened,
            HashAlgorithm hash,
            ProgressListener progress) {
        this.source = source;
        this.length = length;
        this.replayable = replayable;
        this.opened = opened;
        this.hash = hash;
        this.progress = progress;
    }

    /** The content of {@code file}, read when sent. */
    public static Upload of(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
        long size = Files.size(file);
        return new Upload(
                () -> {
                    try {
                        return Files.newInputStream(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + file, e);
                    }
                },
                size,
                true,
                new AtomicBoolean(),
                null,
                ProgressListener.NONE);
    }

    public static Upload of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Upload(
                () -> new ByteArrayInputStream(bytes),
                bytes.length,
                true,
                new AtomicBoolean(),
                null,
                ProgressListener.NONE);
    }

    /**
     * The rest of {@code data}, read when sent; it is not closed.
     *
     * @param length the bytes {@code data} holds, or -1 when not known (sent chunked)
     */
    public static Upload of(InputStream data, long length) {
        Objects.requireNonNull(data, "data");
        if (length < -1) {
            throw new IllegalArgumentException(
                    "length is " + length + "; expected the byte count, or -1 when not known");
        }
        return new Upload(
                () ->
                        new FilterInputStream(data) {
                            @Override
                            public void close() {
                                // the caller's stream: the caller closes it
                            }
                        },
                length,
                false,
                new AtomicBoolean(),
                null,
                ProgressListener.NONE);
    }

    /**
     * The hash algorithm a new bucket gets on this first write; a bucket that already has another
     * one refuses the put (409). Default: the bucket's, sha2-256 for a new bucket.
     */
    public Upload withHash(HashAlgorithm hash) {
        return new Upload(
                source, length, replayable, opened, Objects.requireNonNull(hash, "hash"), progress);
    }

    /** Told of the bytes sent so far, out of {@link #length()}. */
    public Upload withProgress(ProgressListener progress) {
        return new Upload(
                source,
                length,
                replayable,
                opened,
                hash,
                Objects.requireNonNull(progress, "progress"));
    }

    /** The bytes to send, or -1 when not known. */
    public long length() {
        return length;
    }

    public Optional<HashAlgorithm> hash() {
        return Optional.ofNullable(hash);
    }

    /** Whether the bytes can be sent (again) now. */
    boolean canSend() {
        return replayable || !opened.get();
    }

    /** A body that reads the source when the request is sent, counting what it reads. */
    BodyPublisher publisher() {
        BodyPublisher stream =
                BodyPublishers.ofInputStream(
                        () -> {
                            opened.set(true);
                            return new ProgressInputStream(source.get(), length, progress);
                        });
        return length >= 0 ? BodyPublishers.fromPublisher(stream, length) : stream;
    }
}
