package io.cere.stack.storage.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.servers.FreePorts;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.client.testutils.ScriptedNode;
import io.cere.stack.storage.client.testutils.TestBlob;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageClientTest {

    private static final int SEGMENT = 1024;
    private static final String BUCKET = "photos";

    private final Random random = new Random(20261121L);
    private final List<ScriptedNode> nodes = new ArrayList<>();

    @TempDir Path dir;

    @AfterEach
    void stopNodes() {
        nodes.forEach(ScriptedNode::close);
    }

    @Test
    void putStreamsTheFileAndReportsProgressToTheEnd() throws Exception {
        ScriptedNode node = node();
        byte[] content = bytes(300_000);
        Path file = Files.write(dir.resolve("cat.jpg"), content);
        List<long[]> progress = new ArrayList<>();

        StoredBlob stored =
                client(node.url())
                        .put(
                                BUCKET,
                                Upload.of(file)
                                        .withProgress(
                                                (done, total) ->
                                                        progress.add(new long[] {done, total})));

        assertThat(node.puts()).hasSize(1);
        assertThat(node.puts().get(0)).isEqualTo(content);
        assertThat(stored.cid()).isEqualTo(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, content));
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.bucket()).isEqualTo(BUCKET);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1))
                .containsExactly(content.length, content.length);
        assertThat(node.requests()).containsExactly("PUT /cas/photos");
    }

    @Test
    void putNamesTheHashAlgorithmForANewBucket() throws Exception {
        ScriptedNode node = node();

        client(node.url()).put(BUCKET, Upload.of(bytes(10)).withHash(HashAlgorithm.BLAKE3));

        assertThat(node.requests()).containsExactly("PUT /cas/photos?hash=blake3");
    }

    @Test
    void putGoesToTheNextNodeWhenTheFirstCannotBeReached() throws Exception {
        ScriptedNode node = node();
        byte[] content = bytes(5000);

        StoredBlob stored = client(unreachable(), node.url()).put(BUCKET, content);

        assertThat(node.puts()).containsExactly(content);
        assertThat(stored.size()).isEqualTo(5000);
    }

    @Test
    void aStreamIsNotSentAgainOnceANodeHasReadPartOfIt() throws Exception {
        ScriptedNode failing = node().failWith(503, "StorageUnavailable", "2 of 6 nodes reachable");
        ScriptedNode healthy = node();
        byte[] content = bytes(200_000);

        assertThatThrownBy(
                        () ->
                                client(failing.url(), healthy.url())
                                        .put(
                                                BUCKET,
                                                Upload.of(
                                                        new ByteArrayInputStream(content),
                                                        content.length)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot be sent to another node")
                .hasMessageContaining("2 of 6 nodes reachable");
        assertThat(healthy.puts()).isEmpty();
    }

    @Test
    void readsARawBlobAndChecksIt() throws Exception {
        TestBlob blob = TestBlob.of(bytes(SEGMENT - 7), SEGMENT);
        ScriptedNode node = node().serve(blob);

        try (BlobInputStream in = client(node.url()).open(BUCKET, blob.cid())) {
            assertThat(in.length()).isEqualTo(SEGMENT - 7);
            assertThat(in.readAllBytes()).isEqualTo(blob.content());
        }
        assertThat(node.requests()).containsExactly("GET /cas/photos/" + blob.cid());
    }

    @Test
    void aRawBlobWithOneFlippedByteThrowsBeforeAnyByteIsReturned() throws Exception {
        TestBlob blob = TestBlob.of(bytes(SEGMENT), SEGMENT);
        ScriptedNode node = node().serve(blob).flipByte(blob.cid(), 500);

        try (BlobInputStream in = client(node.url()).open(BUCKET, blob.cid())) {
            assertThatThrownBy(in::read)
                    .isInstanceOf(BlobVerificationException.class)
                    .hasMessageContaining("blob " + blob.cid())
                    .hasMessageContaining("does not hash to")
                    .hasMessageContaining("none of it was returned");
        }
    }

    @Test
    void readsABlobOfManySegmentsCheckingEach() throws Exception {
        TestBlob blob = TestBlob.of(bytes(5 * SEGMENT + 123), SEGMENT);
        ScriptedNode node = node().serve(blob);

        assertThat(blob.cid().codec()).isEqualTo(Multicodec.DAG_CBOR);
        assertThat(client(node.url()).get(BUCKET, blob.cid())).isEqualTo(blob.content());
        assertThat(node.requests())
                .containsExactly(
                        "GET /cas/photos/" + blob.cid() + "/proof",
                        "GET /cas/photos/" + blob.cid());
    }

    @Test
    void aCorruptSegmentEndsTheReadAfterTheSegmentsBeforeIt() throws Exception {
        TestBlob blob = TestBlob.of(bytes(4 * SEGMENT), SEGMENT);
        ScriptedNode node = node().serve(blob).flipByte(blob.cid(), 2 * SEGMENT + 10);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        try (BlobInputStream in = client(node.url()).open(BUCKET, blob.cid())) {
            assertThatThrownBy(() -> in.transferTo(received))
                    .isInstanceOf(BlobVerificationException.class)
                    .hasMessageContaining("(at byte " + 2 * SEGMENT + ")");
        }
        assertThat(received.toByteArray()).isEqualTo(Arrays.copyOf(blob.content(), 2 * SEGMENT));
    }

    @Test
    void aRangeFetchesOnlyTheSegmentsItTouches() throws Exception {
        TestBlob blob = TestBlob.of(bytes(6 * SEGMENT), SEGMENT);
        ScriptedNode node = node().serve(blob);
        long offset = SEGMENT + 100;
        int length = SEGMENT + 50;

        try (BlobInputStream in = client(node.url()).open(BUCKET, blob.cid(), offset, length)) {
            assertThat(in.length()).isEqualTo(length);
            assertThat(in.readAllBytes())
                    .isEqualTo(
                            Arrays.copyOfRange(
                                    blob.content(), (int) offset, (int) offset + length));
        }
        assertThat(node.requests())
                .last()
                .isEqualTo("GET /cas/photos/" + blob.cid() + " bytes=1024-3071");
    }

    @Test
    void aRangeOfARawBlobIsCutFromTheWholeCheckedBlob() throws Exception {
        TestBlob blob = TestBlob.of(bytes(SEGMENT), SEGMENT);
        ScriptedNode node = node().serve(blob);

        try (BlobInputStream in = client(node.url()).open(BUCKET, blob.cid(), 1000, 100)) {
            assertThat(in.length()).isEqualTo(24);
            assertThat(in.readAllBytes())
                    .isEqualTo(Arrays.copyOfRange(blob.content(), 1000, SEGMENT));
        }
    }

    @Test
    void aRangePastTheEndIsEmptyAndFetchesNothing() throws Exception {
        TestBlob blob = TestBlob.of(bytes(3 * SEGMENT), SEGMENT);
        ScriptedNode node = node().serve(blob);

        try (BlobInputStream in = client(node.url()).open(BUCKET, blob.cid(), 3 * SEGMENT, 10)) {
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(node.requests()).containsExactly("GET /cas/photos/" + blob.cid() + "/proof");
    }

    @Test
    void aDroppedConnectionGoesOnFromTheSameSegmentOnAnotherNode() throws Exception {
        TestBlob blob = TestBlob.of(bytes(4 * SEGMENT), SEGMENT);
        ScriptedNode cut = node().serve(blob).cutAfter(SEGMENT + SEGMENT / 2);
        ScriptedNode whole = node().serve(blob);

        assertThat(client(cut.url(), whole.url()).get(BUCKET, blob.cid()))
                .isEqualTo(blob.content());
        assertThat(whole.requests())
                .containsExactly("GET /cas/photos/" + blob.cid() + " bytes=1024-4095");
    }

    @Test
    void aProofWhoseRootBlockIsNotTheCidsIsRefused() throws Exception {
        TestBlob blob = TestBlob.of(bytes(3 * SEGMENT), SEGMENT);
        TestBlob other = TestBlob.of(bytes(3 * SEGMENT), SEGMENT);
        var proof = other.proof().put("cid", blob.cid().toString());
        ScriptedNode node = node().serve(blob).forgeProof(blob.cid(), proof);

        assertThatThrownBy(() -> client(node.url()).open(BUCKET, blob.cid()))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessageContaining("proof of " + blob.cid() + " from " + node.url())
                .hasMessageContaining("its root block hashes to " + other.cid());
    }

    @Test
    void aProofListingOtherSegmentsThanItsRootBlockIsRefused() throws Exception {
        TestBlob blob = TestBlob.of(bytes(3 * SEGMENT), SEGMENT);
        var proof = blob.proof();
        Cid forged = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, bytes(SEGMENT));
        ((com.fasterxml.jackson.databind.node.ObjectNode) proof.get("segments").get(1))
                .put("cid", forged.toString());
        ScriptedNode node = node().serve(blob).forgeProof(blob.cid(), proof);

        assertThatThrownBy(() -> client(node.url()).proof(BUCKET, blob.cid()))
                .isInstanceOf(BlobVerificationException.class)
                .hasMessageContaining("segment 1 is " + forged);
    }

    @Test
    void aVerifiedProofDescribesSegmentsAndShards() throws Exception {
        TestBlob blob = TestBlob.of(bytes(2 * SEGMENT + 5), SEGMENT);
        ScriptedNode node = node().serve(blob);

        BlobProof proof = client(node.url()).proof(BUCKET, blob.cid());

        assertThat(proof.size()).isEqualTo(2 * SEGMENT + 5);
        assertThat(proof.k()).isEqualTo(TestBlob.K);
        assertThat(proof.m()).isEqualTo(TestBlob.M);
        assertThat(proof.segments())
                .extracting(BlobProof.Segment::length)
                .containsExactly(SEGMENT, SEGMENT, 5);
        assertThat(proof.segments().get(2).shards()).hasSize(TestBlob.K + TestBlob.M);
        assertThat(proof.segments().get(2).shardLength()).isEqualTo(2);
    }

    @Test
    void errorAnswersNameTheNodeAndItsMessage() throws Exception {
        ScriptedNode node = node().failWith(409, "BucketHashConflict", "bucket photos uses blake3");

        assertThatThrownBy(() -> client(node.url()).put(BUCKET, bytes(10)))
                .isInstanceOfSatisfying(
                        StorageNodeException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(409);
                            assertThat(e.error()).isEqualTo("BucketHashConflict");
                            assertThat(e.node()).isEqualTo(node.url());
                        })
                .hasMessage(
                        node.url()
                                + " answered PUT /cas/photos with 409 BucketHashConflict: bucket"
                                + " photos uses blake3");
    }

    @Test
    void aMissingBlobIsBlobNotFound() throws Exception {
        ScriptedNode node = node();
        Cid missing = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, bytes(3));

        assertThatThrownBy(() -> client(node.url()).open(BUCKET, missing))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("404 NotFound: no blob " + missing);
        assertThatThrownBy(() -> client(node.url()).size(BUCKET, missing))
                .isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void sizeComesFromHead() throws Exception {
        TestBlob blob = TestBlob.of(bytes(777), SEGMENT);
        ScriptedNode node = node().serve(blob);

        assertThat(client(node.url()).size(BUCKET, blob.cid())).isEqualTo(777);
    }

    @Test
    void aNodeShortOfPeersIsPassedOverForTheNext() throws Exception {
        TestBlob blob = TestBlob.of(bytes(100), SEGMENT);
        ScriptedNode starting = node().failWith(503, "StorageUnavailable", "only 3 peers");
        ScriptedNode healthy = node().serve(blob);

        assertThat(client(starting.url(), healthy.url()).get(BUCKET, blob.cid()))
                .isEqualTo(blob.content());
    }

    @Test
    void whenEveryNodeIsShortOfPeersTheLastAnswerIsThrown() throws Exception {
        ScriptedNode a = node().failWith(503, "StorageUnavailable", "a has 3 of 6 nodes");
        ScriptedNode b = node().failWith(503, "StorageUnavailable", "b has 3 of 6 nodes");
        Cid cid = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, bytes(3));

        assertThatThrownBy(() -> client(a.url(), b.url()).get(BUCKET, cid))
                .isInstanceOf(StorageNodeException.class)
                .hasMessageContaining("503 StorageUnavailable: b has 3 of 6 nodes");
    }

    @Test
    void whenNoNodeAnswersTheErrorNamesEachOne() {
        URI first = unreachable();
        URI second = unreachable();
        Cid cid = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, bytes(3));

        assertThatThrownBy(() -> client(first, second).get(BUCKET, cid))
                .isInstanceOf(NodesUnreachableException.class)
                .hasMessageContaining("no storage node answered GET /cas/photos/" + cid)
                .hasMessageContaining(first.toString())
                .hasMessageContaining(second.toString())
                .hasMessageContaining("ConnectException");
    }

    @Test
    void aDownloadReplacesTheTargetOnlyWithCheckedBytes() throws Exception {
        TestBlob good = TestBlob.of(bytes(3 * SEGMENT + 1), SEGMENT);
        TestBlob bad = TestBlob.of(bytes(3 * SEGMENT + 1), SEGMENT);
        ScriptedNode node = node().serve(good).serve(bad).flipByte(bad.cid(), 3 * SEGMENT);
        Path target = dir.resolve("out/blob.bin");
        List<Long> progress = new ArrayList<>();

        long size =
                client(node.url())
                        .download(BUCKET, good.cid(), target, (done, total) -> progress.add(done));
        assertThat(size).isEqualTo(3 * SEGMENT + 1);
        assertThat(target).hasBinaryContent(good.content());
        assertThat(progress).last().isEqualTo(3L * SEGMENT + 1);

        assertThatThrownBy(
                        () ->
                                client(node.url())
                                        .download(BUCKET, bad.cid(), target, ProgressListener.NONE))
                .isInstanceOf(BlobVerificationException.class);
        assertThat(target).hasBinaryContent(good.content());
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void rejectsABucketNameThatIsNotOne() {
        StorageClient client = client(unreachable());

        assertThatThrownBy(() -> client.put("../etc", bytes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket '../etc' is not a bucket name");
    }

    @Test
    void rejectsANodeUrlWithAPath() {
        assertThatThrownBy(
                        () ->
                                StorageClient.builder()
                                        .node(URI.create("http://127.0.0.1:9101/cas"))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "'http://127.0.0.1:9101/cas' must be http(s)://<host>[:<port>]");
        assertThatThrownBy(() -> StorageClient.builder().build())
                .hasMessageContaining("at least one node URL");
    }

    @Test
    void readsStreamsFromACallersInputStreamWithoutClosingIt() throws Exception {
        ScriptedNode node = node();
        byte[] content = bytes(1000);
        boolean[] closed = {false};
        InputStream source =
                new ByteArrayInputStream(content) {
                    @Override
                    public void close() {
                        closed[0] = true;
                    }
                };

        client(node.url()).put(BUCKET, Upload.of(source, -1));

        assertThat(node.puts()).containsExactly(content);
        assertThat(closed[0]).isFalse();
    }

    private ScriptedNode node() throws IOException {
        ScriptedNode node = ScriptedNode.start();
        nodes.add(node);
        return node;
    }

    private static StorageClient client(URI... urls) {
        return StorageClient.builder().nodes(List.of(urls)).build();
    }

    /** A loopback port nothing listens on. */
    private static URI unreachable() {
        return URI.create("http://127.0.0.1:" + FreePorts.pick());
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
