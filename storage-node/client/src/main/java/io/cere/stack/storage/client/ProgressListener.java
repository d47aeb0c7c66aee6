package io.cere.stack.storage.client;

/**
 * Told how far a transfer has got, from the thread doing it, after each piece: keep it cheap. An
 * upload that is retried on another node starts again from 0.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Listens to nothing. */
    ProgressListener NONE = (transferred, total) -> {};

    /**
     * @param transferred bytes sent or delivered so far
     * @param total the bytes the transfer will have moved when done, or -1 when not known
     */
    void progress(long transferred, long total);
}
