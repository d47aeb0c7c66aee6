package io.cere.stack.launcher.local;

import io.cere.stack.jobs.ingest.IngestJob;
import io.cere.stack.jobs.ingest.IngestOptions;
import io.cere.stack.launcher.DataDirectory;
import io.cere.stack.launcher.flink.LocalFlinkCluster;
import io.cere.stack.servers.Readiness;
import io.cere.stack.servers.ServerProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The Flink MiniCluster's JVM ({@link LocalFlinkCluster}), running IngestJob with the web UI. */
final class FlinkJvm {

    static final String NAME = "flink";

    /**
     * Flink's list for Java 17 (flink-dist's {@code env.java.opts.all}), as the parent pom's {@code
     * flink.add-opens} has it: reflection-based serializers need these.
     */
    static final List<String> ADD_OPENS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private FlinkJvm() {}

    static ServerProcess start(LocalStackOptions options, DataDirectory dirs) throws IOException {
        List<String> jvmOptions = new ArrayList<>(ADD_OPENS);
        // The web UI's "Job Manager > Logs" tab shows this file.
        jvmOptions.add("-Dlog.file=" + dirs.log(NAME));
        return ServerJvms.builder(dirs, NAME)
                .name("Flink MiniCluster")
                .mainClass(LocalFlinkCluster.class.getName())
                .heap("1g")
                .jvmOptions(jvmOptions.toArray(String[]::new))
                .args(args(options, dirs))
                .start();
    }

    static List<String> args(LocalStackOptions options, DataDirectory dirs) {
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "--host",
                        options.host(),
                        "--rest-port",
                        Integer.toString(options.flinkPort()),
                        "--data-dir",
                        dirs.flink().toString(),
                        "--parallelism",
                        Integer.toString(options.parallelism()),
                        "--" + IngestOptions.BOOTSTRAP_SERVERS.key(),
                        options.bootstrapServers()));
        options.routingRules()
                .ifPresent(
                        rules ->
                                args.addAll(
                                        List.of(
                                                "--" + IngestOptions.ROUTING_RULES.key(),
                                                rules.toString())));
        options.jobOptions().forEach((key, value) -> args.addAll(List.of("--" + key, value)));
        return args;
    }

    /** The web UI and REST API answer, and IngestJob is RUNNING. */
    static Readiness[] readiness(LocalStackOptions options, HttpProbe probe) {
        String url = options.flinkUrl();
        return new Readiness[] {
            Readiness.of("GET " + url + "/ answering 200", p -> probe.status(url + "/") == 200),
            Readiness.of(
                    "GET " + url + "/overview answering 200",
                    p -> probe.status(url + "/overview") == 200),
            Readiness.of(
                    IngestJob.NAME + " RUNNING in " + url + "/jobs/overview",
                    p -> probe.jobRunning(url, IngestJob.NAME))
        };
    }
}
