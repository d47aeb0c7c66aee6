package io.cere.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    /** 1 ms .. 100 ms, shuffled. */
    private static long[] oneToHundredMillis() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = ((i * 37L) % 100 + 1) * 1_000_000L;
        }
        return nanos;
    }

    @Test
    void percentilesAreNearestRankOfTheSortedLatencies() {
        Latencies latencies = new Latencies(oneToHundredMillis());

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
        assertThat(latencies.percentileMillis(0.1)).isEqualTo(1.0);
        assertThat(latencies.maxMillis()).isEqualTo(100.0);
    }

    @Test
    void oneSlowRequestInAHundredIsTheMaxButNotTheP99() {
        long[] nanos = new long[100];
        java.util.Arrays.fill(nanos, 2_000_000L);
        nanos[17] = 900_000_000L;

        Latencies latencies = new Latencies(nanos);

        assertThat(latencies.percentileMillis(99)).isEqualTo(2.0);
        assertThat(latencies.maxMillis()).isEqualTo(900.0);
    }

    @Test
    void noRequestsHaveNoPercentiles() {
        Latencies latencies = new Latencies(new long[0]);

        assertThat(latencies.percentileMillis(50)).isNaN();
        assertThat(latencies.maxMillis()).isNaN();
    }

    @Test
    void rejectsPercentilesOutsideZeroToHundred() {
        Latencies latencies = new Latencies(oneToHundredMillis());

        assertThatThrownBy(() -> latencies.percentileMillis(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("percentile is 0.0");
        assertThatThrownBy(() -> latencies.percentileMillis(101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 100");
    }
}
