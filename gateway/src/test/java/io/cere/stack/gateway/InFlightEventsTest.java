package io.cere.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightEventsTest {

    @Test
    void admitsUntilTheLimitThenRefusesAtOnce() {
        InFlightEvents inFlight = new InFlightEvents(10);

        assertThat(inFlight.tryAdmit(4)).isTrue();
        assertThat(inFlight.tryAdmit(6)).isTrue();
        assertThat(inFlight.inFlight()).isEqualTo(10);
        assertThat(inFlight.tryAdmit(1)).isFalse();
        assertThat(inFlight.inFlight()).isEqualTo(10);
    }

    @Test
    void takesAllOfARequestsPermitsOrNone() {
        InFlightEvents inFlight = new InFlightEvents(10);
        assertThat(inFlight.tryAdmit(7)).isTrue();

        assertThat(inFlight.tryAdmit(4)).isFalse();

        assertThat(inFlight.inFlight()).isEqualTo(7);
        assertThat(inFlight.tryAdmit(3)).isTrue();
    }

    @Test
    void releasedPermitsAdmitTheNextRequest() {
        InFlightEvents inFlight = new InFlightEvents(3);
        assertThat(inFlight.tryAdmit(3)).isTrue();

        inFlight.release(1);
        inFlight.release(1);

        assertThat(inFlight.inFlight()).isEqualTo(1);
        assertThat(inFlight.tryAdmit(2)).isTrue();
        assertThat(inFlight.tryAdmit(1)).isFalse();
    }

    @Test
    void refusesRequestsLargerThanTheLimitAsAProgrammingError() {
        InFlightEvents inFlight = new InFlightEvents(3);

        assertThatThrownBy(() -> inFlight.tryAdmit(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inFlight.tryAdmit(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InFlightEvents(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverAdmitsMoreThanTheLimitUnderConcurrency() throws InterruptedException {
        int max = 50;
        InFlightEvents inFlight = new InFlightEvents(max);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Random random = new Random(t);
            Thread thread =
                    new Thread(
                            () -> {
                                awaitQuietly(start);
                                for (int i = 0; i < 20_000; i++) {
                                    int events = 1 + random.nextInt(10);
                                    if (inFlight.tryAdmit(events)) {
                                        int now = admitted.addAndGet(events);
                                        highest.accumulateAndGet(now, Math::max);
                                        admitted.addAndGet(-events);
                                        inFlight.release(events);
                                    }
                                }
                            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(highest.get()).isPositive().isLessThanOrEqualTo(max);
        assertThat(inFlight.inFlight()).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
