package io.cere.stack.gateway;

import java.util.concurrent.Semaphore;

/**
 * Admission control: at most {@code max} events may wait for Kafka's acknowledgement at once.
 *
 * <p>A request takes one permit per envelope before anything is sent and never waits for them: when
 * they are not free at once the request is answered 503, so a slow or stopped broker turns into
 * quick refusals instead of an unbounded queue of requests and buffered records. Each permit is
 * given back by the producer callback of its record.
 */
final class InFlightEvents {

    private final int max;
    private final Semaphore permits;

    InFlightEvents(int max) {
        if (max < 1) {
            throw new IllegalArgumentException(
                    "max in-flight events must be at least 1, got " + max);
        }
        this.max = max;
        this.permits = new Semaphore(max);
    }

    /** Takes {@code events} permits if they are all free now; never blocks. */
    boolean tryAdmit(int events) {
        if (events < 1 || events > max) {
            throw new IllegalArgumentException(
                    "events must be 1.." + max + " (the in-flight limit), got " + events);
        }
        return permits.tryAcquire(events);
    }

    /** Gives back permits of events Kafka has answered for (or that were never sent). */
    void release(int events) {
        if (events < 0) {
            throw new IllegalArgumentException("cannot release " + events + " permits");
        }
        if (events > 0) {
            permits.release(events);
        }
    }

    /** Events admitted and not yet answered for by Kafka. */
    int inFlight() {
        return max - permits.availablePermits();
    }

    int max() {
        return max;
    }
}
