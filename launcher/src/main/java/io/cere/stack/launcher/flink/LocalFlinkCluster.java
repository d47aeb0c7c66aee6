package io.cere.stack.launcher.flink;

import io.cere.stack.jobs.checkpoints.RetainedCheckpoints;
import io.cere.stack.jobs.ingest.IngestJob;
import io.cere.stack.jobs.ingest.IngestOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's Flink: a MiniCluster with the web UI, running the jobs with the heap state
 * backend and retained checkpoints under the data directory. Started in its own JVM by {@code
 * bin/cere local}; on a real cluster the same jobs are submitted with {@code flink run}.
 *
 * <p>Arguments: {@code --host 127.0.0.1 --rest-port 8081 --data-dir .cere/flink --parallelism 2}
 * and every job option ({@code --cere.kafka.bootstrap-servers ...}, see {@link IngestOptions}).
 */
public final class LocalFlinkCluster {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);

    private LocalFlinkCluster() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        String host = params.get("host", "127.0.0.1");
        int restPort = params.getInt("rest-port", 8081);
        Path dataDir = Path.of(params.get("data-dir", ".cere/flink")).toAbsolutePath();
        int parallelism = params.getInt("parallelism", 2);

        Map<String, String> jobOptions = new HashMap<>();
        params.toMap()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith("cere.")) {
                                jobOptions.put(k, v);
                            }
                        });
        IngestOptions ingest = IngestOptions.fromMap(jobOptions);

        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, host);
        conf.set(RestOptions.ADDRESS, host);
        conf.set(RestOptions.PORT, restPort);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(parallelism, 2));
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        Path checkpoints = dataDir.resolve("checkpoints");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, ingest.checkpointInterval());
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        Optional<Path> resumeFrom = RetainedCheckpoints.latest(checkpoints);
        resumeFrom.ifPresent(
                chk -> {
                    conf.set(SavepointConfigOptions.SAVEPOINT_PATH, chk.toUri().toString());
                    RetainedCheckpoints.pruneAllBut(checkpoints, chk)
                            .forEach(old -> LOG.info("Deleted superseded checkpoints {}", old));
                });

        LOG.info("{}", ingest);
        LOG.info(
                "Resuming from {}",
                resumeFrom
                        .map(Path::toString)
                        .orElse("committed Kafka offsets (no checkpoint yet)"));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(parallelism);
        IngestJob.addTo(env, ingest);
        LOG.info("Flink web UI on http://{}:{}/", host, restPort);
        env.execute(IngestJob.NAME);
    }
}
