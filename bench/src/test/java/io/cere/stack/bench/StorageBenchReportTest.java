package io.cere.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.bench.StorageBenchReport.Measurement;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StorageBenchReportTest {

    /** A server as the report sees it: a name. */
    private record NamedServer(String description) implements S3UnderTest {

        @Override
        public List<URI> endpoints() {
            return List.of();
        }

        @Override
        public List<ServerJvm> jvms() {
            return List.of();
        }

        @Override
        public void awaitReady() {}

        @Override
        public void close() {}
    }

    private final S3UnderTest baseline = new NamedServer("S3Proxy");
    private final S3UnderTest cluster = new NamedServer("cluster");
    private final StorageBenchReport report = new StorageBenchReport(baseline, cluster);

    /** 100 GETs of 64 KiB in one second, all taking {@code millis}, the last {@code slowest}. */
    private static PhaseResult gets(double millis, double slowest, long mismatches) {
        long[] nanos = new long[100];
        Arrays.fill(nanos, (long) (millis * 1e6));
        nanos[99] = (long) (slowest * 1e6);
        return new PhaseResult(
                100 + mismatches,
                0,
                mismatches,
                100L * 65536,
                1_000_000_000L,
                new Latencies(nanos),
                null,
                new int[0]);
    }

    private static Measurement measured(PhaseResult result, long cpuMillis) {
        return new Measurement(result, OptionalLong.of(cpuMillis * 1_000_000L));
    }

    @Test
    void targetIsMetWhenTheClustersP50AndP99AreWithinIt() {
        report.add(cluster, StoragePhase.GET_SMALL_ONE_CLIENT, measured(gets(4, 30, 0), 100));
        report.add(cluster, StoragePhase.GET_SMALL, measured(gets(60, 90, 0), 100));

        // p99 of 100 requests is the 99th: the one slow request is only the max.
        assertThat(report.targetCheck())
                .contains("p50 4.00 ms <= 5 ms: met", "p99 4.00 ms <= 20 ms: met");
        assertThat(report.hasFailures()).isFalse();
    }

    @Test
    void targetIsMissedWhenTheClusterIsSlower() {
        report.add(cluster, StoragePhase.GET_SMALL_ONE_CLIENT, measured(gets(6, 6, 0), 100));

        assertThat(report.targetCheck()).contains("p50 6.00 ms <= 5 ms: MISSED");
    }

    @Test
    void wrongBytesVoidAFastResult() {
        report.add(cluster, StoragePhase.GET_SMALL_ONE_CLIENT, measured(gets(1, 1, 3), 100));

        assertThat(report.targetCheck())
                .contains("MISSED")
                .contains("the phase had failed requests or wrong bytes");
        assertThat(report.hasFailures()).isTrue();
        assertThat(report.markdown())
                .contains(
                        "| GETs with wrong bytes (same order) | - / - / - / - / - | - / - / 3 / - / -"
                                + " | |");
    }

    @Test
    void tableShowsEachServersFiguresAndTheClusterOverTheBaseline() {
        report.add(baseline, StoragePhase.GET_SMALL, measured(gets(2, 2, 0), 50));
        report.add(cluster, StoragePhase.GET_SMALL, measured(gets(4, 4, 0), 100));

        String table = report.markdown();

        assertThat(table)
                .startsWith("| | baseline: S3Proxy | cluster: cluster | cluster / baseline |\n")
                .contains("| GET 64 KiB, MB/s | 6.6 | 6.6 | 1.00 |")
                .contains("| GET 64 KiB latency p50, ms | 2.00 | 4.00 | 2.00 |")
                .contains("| server CPU, GET 64 KiB, ms per MB | 7.6 | 15.3 | 2.00 |")
                .contains("| PUT 16 MiB, MB/s | n/a | n/a | n/a |");
    }
}
