package io.cere.stack.bench;

import java.time.Duration;

/**
 * The options of {@code bench/run storage}, validated once.
 *
 * @param smallObjects how many 64 KiB objects each server is sent
 * @param phaseLength how long each GET phase runs, and the most each PUT phase may take
 * @param warmupLength how long each server is sent 64 KiB GETs before anything is timed
 * @param seed the seed of the objects' bytes and of the GETs' choice of object
 */
record StorageBenchOptions(
        int smallObjects, Duration phaseLength, Duration warmupLength, long seed) {

    static final String USAGE =
            "usage: bench/run storage [--objects N] [--seconds S] [--warmup-seconds S] [--seed X]";

    static final int SMALL_SIZE = 64 << 10;
    static final int LARGE_SIZE = 16 << 20;

    /** Client threads, the same for every server. */
    static final int THREADS = 4;

    static final int DEFAULT_OBJECTS = 1000;
    static final int DEFAULT_SECONDS = 8;
    static final int DEFAULT_WARMUP_SECONDS = 180;
    static final int MAX_OBJECTS = 10_000;
    static final int MAX_SECONDS = 300;

    StorageBenchOptions {
        if (smallObjects < THREADS || smallObjects > MAX_OBJECTS) {
            throw new IllegalArgumentException(
                    String.format(
                            "--objects is %d; expected %d..%d",
                            smallObjects, THREADS, MAX_OBJECTS));
        }
        if (phaseLength.toSeconds() < 1 || phaseLength.toSeconds() > MAX_SECONDS) {
            throw new IllegalArgumentException(
                    String.format(
                            "--seconds is %d; expected 1..%d",
                            phaseLength.toSeconds(), MAX_SECONDS));
        }
        if (warmupLength.toSeconds() < 1 || warmupLength.toSeconds() > MAX_SECONDS) {
            throw new IllegalArgumentException(
                    String.format(
                            "--warmup-seconds is %d; expected 1..%d",
                            warmupLength.toSeconds(), MAX_SECONDS));
        }
    }

    /** 16 MiB objects: one for every 64 small ones, at least {@link #THREADS}. */
    int largeObjects() {
        return Math.max(THREADS, smallObjects / 64);
    }

    /** Objects each server is warmed up with, before anything is timed. */
    int warmupSmallObjects() {
        return Math.max(THREADS, Math.min(smallObjects / 4, 250));
    }

    int warmupLargeObjects() {
        return 2;
    }

    static StorageBenchOptions parse(String... args) {
        int objects = DEFAULT_OBJECTS;
        long seconds = DEFAULT_SECONDS;
        long warmupSeconds = DEFAULT_WARMUP_SECONDS;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--objects" -> objects = (int) number(option, value);
                case "--seconds" -> seconds = number(option, value);
                case "--warmup-seconds" -> warmupSeconds = number(option, value);
                case "--seed" -> seed = number(option, value);
                default ->
                        throw new IllegalArgumentException(
                                "unknown option " + option + "; " + USAGE);
            }
        }
        return new StorageBenchOptions(
                objects, Duration.ofSeconds(seconds), Duration.ofSeconds(warmupSeconds), seed);
    }

    private static long number(String option, String value) {
        try {
            long n = Long.parseLong(value);
            if (option.equals("--seed") || (n >= 0 && n <= Integer.MAX_VALUE)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " is '" + value + "'; expected a number");
    }
}
