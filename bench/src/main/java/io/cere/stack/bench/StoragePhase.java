package io.cere.stack.bench;

/** The timed phases of the storage benchmark, in the order they run. */
enum StoragePhase {
    PUT_SMALL("PUT 64 KiB"),
    GET_SMALL("GET 64 KiB"),
    /** GETs one at a time from one client: each request's latency without a queue ahead of it. */
    GET_SMALL_ONE_CLIENT("GET 64 KiB, one client"),
    PUT_LARGE("PUT 16 MiB"),
    GET_LARGE("GET 16 MiB");

    private final String label;

    StoragePhase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
