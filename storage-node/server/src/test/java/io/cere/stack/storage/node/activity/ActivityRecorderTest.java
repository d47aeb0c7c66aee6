package io.cere.stack.storage.node.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.schemas.activity.ActivitySignature;
import io.cere.stack.schemas.avro.ActivityOperation;
import io.cere.stack.schemas.avro.ActivityRecord;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.storage.s3.backend.ActivityListener.Operation;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityRecorderTest {

    private static final String CID = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @TempDir Path dir;

    private static List<ActivityRecord> read(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .map(
                        line -> {
                            try {
                                return LocalActivityLog.parse(line);
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .toList();
    }

    @Test
    void everyServedOperationBecomesASignedLineOfTheLocalLog() throws Exception {
        Ed25519.KeyPair key = NodeKey.loadOrCreate(dir);
        Path log = dir.resolve("activity.log");
        try (ActivityRecorder recorder =
                new ActivityRecorder("node-1", key, new LocalActivityLog(log), CLOCK)) {
            recorder.served(Operation.PUT, "photos", CID, 11, "req-1");
            recorder.served(Operation.GET, "photos", CID, 11, "req-2");
            recorder.served(Operation.DELETE, "photos", CID, 11, "req-3");
        }

        List<ActivityRecord> records = read(log);
        assertThat(records)
                .extracting(ActivityRecord::getOperation)
                .containsExactly(
                        ActivityOperation.PUT, ActivityOperation.GET, ActivityOperation.DELETE);
        assertThat(records).allSatisfy(r -> assertThat(ActivitySignature.verify(r)).isTrue());
        assertThat(records)
                .allSatisfy(
                        r -> {
                            assertThat(r.getNodeId()).isEqualTo("node-1");
                            assertThat(r.getNodeKey()).isEqualTo(key.publicKeyHex());
                            assertThat(r.getBytes()).isEqualTo(11);
                            assertThat(r.getTimestamp()).isEqualTo(CLOCK.instant());
                        });
        assertThat(records)
                .extracting(ActivityRecord::getRequestId)
                .containsExactly("req-1", "req-2", "req-3");
    }

    @Test
    void logAppendsAcrossRestarts() throws Exception {
        Ed25519.KeyPair key = NodeKey.loadOrCreate(dir);
        Path log = dir.resolve("activity.log");
        try (ActivityRecorder first =
                new ActivityRecorder("node-1", key, new LocalActivityLog(log), CLOCK)) {
            first.served(Operation.PUT, "b", CID, 1, "before-restart");
        }
        try (ActivityRecorder second =
                new ActivityRecorder("node-1", key, new LocalActivityLog(log), CLOCK)) {
            second.served(Operation.GET, "b", CID, 1, "after-restart");
        }

        assertThat(read(log))
                .extracting(ActivityRecord::getRequestId)
                .containsExactly("before-restart", "after-restart");
    }

    @Test
    void nodeKeyIsCreatedOnceOwnerOnlyAndKept() throws Exception {
        Ed25519.KeyPair first = NodeKey.loadOrCreate(dir);
        Ed25519.KeyPair again = NodeKey.loadOrCreate(dir);

        assertThat(again).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(dir.resolve(NodeKey.FILE)))
                .containsExactlyInAnyOrder(
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void garbledNodeKeyFileIsAnErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve(NodeKey.FILE), "abcd\n");

        assertThatThrownBy(() -> NodeKey.loadOrCreate(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(NodeKey.FILE)
                .hasMessageContaining("2 bytes");
    }

    @Test
    void recordsKafkaDoesNotTakeGoToTheLocalLog() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path log = dir.resolve("activity.log");
        KafkaActivityLog kafka =
                new KafkaActivityLog(
                        "127.0.0.1:" + closedPort, "activity", new LocalActivityLog(log));
        try (ActivityRecorder recorder =
                new ActivityRecorder("node-1", NodeKey.loadOrCreate(dir), kafka, CLOCK)) {
            recorder.served(Operation.PUT, "b", CID, 5, "no-broker");
        }

        assertThat(kafka.fellBack()).isEqualTo(1);
        assertThat(read(log)).extracting(ActivityRecord::getRequestId).containsExactly("no-broker");
    }
}
