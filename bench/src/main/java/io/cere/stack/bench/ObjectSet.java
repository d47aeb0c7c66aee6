package io.cere.stack.bench;

import java.util.SplittableRandom;

/**
 * Objects of one size generated up front from a seed, so that every server is sent the same bytes
 * and no time is spent making them while a phase is timed. Every object's bytes differ: a
 * content-addressed store would otherwise store repeats once and look faster than it is.
 */
final class ObjectSet {

    private final String keyPrefix;
    private final int size;
    private final byte[][] objects;

    private ObjectSet(String keyPrefix, int size, byte[][] objects) {
        this.keyPrefix = keyPrefix;
        this.size = size;
        this.objects = objects;
    }

    /**
     * @param keyPrefix the objects' keys are this followed by a number: {@code "small/000042"}
     */
    static ObjectSet generate(String keyPrefix, int count, int size, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException(
                    "ObjectSet count is " + count + "; expected at least 1");
        }
        if (size < 1) {
            throw new IllegalArgumentException(
                    "ObjectSet size is " + size + " bytes; expected at least 1");
        }
        long total = (long) count * size;
        long budget = Runtime.getRuntime().maxMemory() / 2;
        if (total > budget) {
            throw new IllegalArgumentException(
                    String.format(
                            "ObjectSet of %d objects of %d bytes needs %d MiB; expected at most"
                                    + " half the heap, %d MiB (fewer objects, or a larger -Xmx)",
                            count, size, total >> 20, budget >> 20));
        }
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] objects = new byte[count][size];
        for (byte[] object : objects) {
            random.nextBytes(object);
        }
        return new ObjectSet(keyPrefix, size, objects);
    }

    int count() {
        return objects.length;
    }

    /** Bytes per object. */
    int size() {
        return size;
    }

    String key(int index) {
        return String.format("%s%06d", keyPrefix, index);
    }

    /** The object's bytes; shared, never to be written to. */
    byte[] bytes(int index) {
        return objects[index];
    }
}
