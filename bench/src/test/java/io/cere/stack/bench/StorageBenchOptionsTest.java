package io.cere.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageBenchOptionsTest {

    @Test
    void defaultsFitTheTimeBudget() {
        StorageBenchOptions options = StorageBenchOptions.parse();

        assertThat(options.smallObjects()).isEqualTo(1000);
        assertThat(options.largeObjects()).isEqualTo(15);
        assertThat(options.phaseLength()).isEqualTo(Duration.ofSeconds(8));
        assertThat(options.warmupSmallObjects()).isEqualTo(250);
    }

    @Test
    void parsesEveryOption() {
        StorageBenchOptions options =
                StorageBenchOptions.parse("--objects", "128", "--seconds", "3", "--seed", "-7");

        assertThat(options.smallObjects()).isEqualTo(128);
        assertThat(options.phaseLength()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.seed()).isEqualTo(-7);
    }

    @Test
    void keepsAtLeastOneLargeAndOneWarmUpObjectPerThread() {
        StorageBenchOptions options = StorageBenchOptions.parse("--objects", "10");

        assertThat(options.largeObjects()).isEqualTo(StorageBenchOptions.THREADS);
        assertThat(options.warmupSmallObjects()).isEqualTo(StorageBenchOptions.THREADS);
    }

    @Test
    void rejectsValuesOutOfRangeNamingTheOptionAndTheRange() {
        assertThatThrownBy(() -> StorageBenchOptions.parse("--objects", "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--objects is 2; expected 4..10000");
        assertThatThrownBy(() -> StorageBenchOptions.parse("--seconds", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--seconds is 0; expected 1..300");
        assertThatThrownBy(() -> StorageBenchOptions.parse("--seconds", "ten"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--seconds is 'ten'; expected a number");
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> StorageBenchOptions.parse("--threads", "8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option --threads; usage:");
        assertThatThrownBy(() -> StorageBenchOptions.parse("--objects"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--objects needs a value; usage:");
    }
}
