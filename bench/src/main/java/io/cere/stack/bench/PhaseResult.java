package io.cere.stack.bench;

/**
 * What one timed phase of requests against one server achieved.
 *
 * @param requests requests that completed, with or without an error
 * @param errors requests that failed (an exception, from the server or the connection)
 * @param mismatches GETs whose bytes differ from what was put: any at all voids the result
 * @param bytes object bytes moved by the requests that succeeded
 * @param wallNanos from the first request's start to the last one's end
 * @param latencies of the requests that succeeded
 * @param firstError the first error's message, or null
 * @param succeeded indices of the objects whose request succeeded (for a PUT phase: those that can
 *     be read back)
 */
record PhaseResult(
        long requests,
        long errors,
        long mismatches,
        long bytes,
        long wallNanos,
        Latencies latencies,
        String firstError,
        int[] succeeded) {

    /** Object megabytes (10^6 bytes) moved per second of wall time. */
    double megabytesPerSecond() {
        return wallNanos == 0 ? Double.NaN : bytes / 1e6 / (wallNanos / 1e9);
    }
}
