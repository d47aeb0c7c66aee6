package io.cere.stack.storage.node.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many requests of one kind (from clients, or from other nodes) a node serves at once. A
 * request runs on the server thread that read it once it holds a slot, and waits for one before
 * that: no hand-off to another thread, which on a two-core machine costs a request more than a
 * small handler's own work.
 */
public final class RequestSlots {

    private final String kind;
    private final int slots;
    private final Semaphore free;
    private volatile boolean closed;

    /**
     * @param kind what the requests are, for messages: "client", "internal"
     */
    public RequestSlots(String kind, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException(
                    kind + " request slots: " + slots + "; expected > 0");
        }
        this.kind = kind;
        this.slots = slots;
        this.free = new Semaphore(slots);
    }

    /**
     * Runs {@code request} in a slot; false, without running it, once the slots are closed.
     *
     * @throws InterruptedException when interrupted while waiting for a slot
     */
    public boolean run(Runnable request) throws InterruptedException {
        if (closed) {
            return false;
        }
        free.acquire();
        try {
            if (closed) {
                return false;
            }
            request.run();
            return true;
        } finally {
            free.release();
        }
    }

    /**
     * Takes no more requests, and waits up to {@code timeout} for those running to end.
     *
     * @return whether they all ended in time
     */
    public boolean close(Duration timeout) throws InterruptedException {
        closed = true;
        if (!free.tryAcquire(slots, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        free.release(slots);
        return true;
    }

    /** Requests running now. */
    public int busy() {
        return slots - free.availablePermits();
    }

    @Override
    public String toString() {
        return kind + " requests: " + busy() + " of " + slots + " slots busy";
    }
}
