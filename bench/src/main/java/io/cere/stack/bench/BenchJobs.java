package io.cere.stack.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/** Job chores of the load generators. */
final class BenchJobs {

    private BenchJobs() {}

    /** Cancels {@code job} and waits until it has terminated, so runs do not overlap. */
    static void cancelAndAwait(JobClient job) throws Exception {
        job.cancel().get();
        try {
            job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        } catch (ExecutionException expected) {
            // A cancelled job completes its result exceptionally; what matters is that it ended.
        }
    }
}
