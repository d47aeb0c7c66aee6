package io.cere.stack.storage.cas;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Cross-checks against the libraries IPFS itself uses: {@code multiformats} for CIDs and {@code
 * @ipld/dag-cbor} for DAG-CBOR, at pinned versions installed by this test into {@code
 * target/npm-interop}. Skipped, with the reason, where Node or the npm registry is unavailable.
 *
 * <p>A blob's raw CID computed by multiformats (CIDv1, codec raw, sha2-256 over the bytes) is what
 * {@code ipfs add --cid-version=1 --raw-leaves} prints for a file stored as a single chunk: files
 * up to 256 KiB with the default chunker, up to 1 MiB with {@code --chunker=size-1048576}.
 */
class IpfsInteropTest {

    /** Exact versions, cborg included so the encoder under @ipld/dag-cbor is pinned as well. */
    private static final Map<String, String> PACKAGES =
            Map.of("multiformats", "14.0.5", "@ipld/dag-cbor", "10.0.2", "cborg", "6.1.5");

    private static final int MIB = 1 << 20;
    private static final int[] EDGE_SIZES = {
        0, 1, 2, 31, 32, 33, 55, 56, 63, 64, 65, 1000, 4096, 65_536, 262_143, 262_144, 262_145,
        MIB - 1, MIB
    };
    private static final int RANDOM_BLOB_COUNT = 10;
    private static final int RANDOM_DOCUMENT_COUNT = 150;
    private static final HexFormat HEX = HexFormat.of();

    private static final List<byte[]> blobs = new ArrayList<>();
    private static final List<byte[]> blake3Digests = new ArrayList<>();
    private static final List<Object> documents = new ArrayList<>();

    /** Output lines of the script by kind ("blob", "blake3", "document"), fields after the kind. */
    private static final Map<String, List<String[]>> ipfs = new LinkedHashMap<>();

    /** Why the npm libraries are unavailable here; each test reports it as its skip reason. */
    private static String unavailable;

    @BeforeAll
    static void computeWithIpfsLibraries() throws Exception {
        NodePackages node;
        try {
            node = NodePackages.install(PACKAGES);
        } catch (TestAbortedException e) {
            unavailable = e.getMessage();
            return;
        }

        Random random = new Random(1_048_576);
        IntStream.concat(Arrays.stream(EDGE_SIZES), random.ints(RANDOM_BLOB_COUNT, 0, MIB + 1))
                .forEach(size -> blobs.add(randomBytes(random, size)));
        for (byte[] blob : blobs.subList(0, 8)) {
            blake3Digests.add(HashAlgorithm.BLAKE3.digest(blob));
        }
        documents.addAll(structuredDocuments());
        RandomDocuments randomDocuments = new RandomDocuments(0xdac);
        for (int i = 0; i < RANDOM_DOCUMENT_COUNT; i++) {
            documents.add(i % 10 == 9 ? randomDocuments.value(3, 5) : randomDocuments.map(4, 6));
        }

        Path blobsFile = node.workDir().resolve("blobs.bin");
        try (OutputStream out = Files.newOutputStream(blobsFile)) {
            for (byte[] blob : blobs) {
                out.write(blob);
            }
        }
        Path inputFile = node.workDir().resolve("ipfs-interop-input.json");
        Files.writeString(inputFile, inputJson(), US_ASCII);

        String output =
                node.runScript(
                        IpfsInteropTest.class,
                        "ipfs-interop.mjs",
                        inputFile.toString(),
                        blobsFile.toString());
        for (String line : output.split("\n")) {
            String[] fields = line.split(" ");
            ipfs.computeIfAbsent(fields[0], kind -> new ArrayList<>())
                    .add(Arrays.copyOfRange(fields, 2, fields.length));
        }
        assertThat(ipfs.get("blob")).hasSize(blobs.size());
        assertThat(ipfs.get("blake3")).hasSize(blake3Digests.size());
        assertThat(ipfs.get("document")).hasSize(documents.size());
    }

    @BeforeEach
    void skipWhereUnavailable() {
        if (unavailable != null) {
            abort(unavailable);
        }
    }

    @Test
    void rawCidsOfBlobsUpToOneMibEqualMultiformats() {
        for (int i = 0; i < blobs.size(); i++) {
            Cid cid = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, blobs.get(i));
            String[] expected = ipfs.get("blob").get(i);

            assertThat(cid.toString())
                    .as("CID of blob %d, %d bytes", i, blobs.get(i).length)
                    .isEqualTo(expected[0]);
            assertThat(HEX.formatHex(cid.bytes())).isEqualTo(expected[1]);
        }
    }

    @Test
    void streamingHasherGivesTheSameRawCids() {
        for (int i = 0; i < blobs.size(); i++) {
            byte[] blob = blobs.get(i);
            CidHasher hasher = new CidHasher(Multicodec.RAW, HashAlgorithm.SHA2_256);
            for (int offset = 0; offset < blob.length; offset += 65_536) {
                hasher.update(blob, offset, Math.min(65_536, blob.length - offset));
            }
            assertThat(hasher.cid().toString()).isEqualTo(ipfs.get("blob").get(i)[0]);
        }
    }

    @Test
    void blake3CidsLayOutTheMultihashAsMultiformatsDoes() {
        for (int i = 0; i < blake3Digests.size(); i++) {
            Cid cid = Cid.of(Multicodec.RAW, HashAlgorithm.BLAKE3, blobs.get(i));
            String[] expected = ipfs.get("blake3").get(i);

            assertThat(cid.toString()).isEqualTo(expected[0]);
            assertThat(HEX.formatHex(cid.bytes())).isEqualTo(expected[1]);
        }
    }

    @Test
    void parsesTheCidsMultiformatsPrints() {
        List<String[]> printed = new ArrayList<>(ipfs.get("blob"));
        printed.addAll(ipfs.get("blake3"));
        for (String[] fields : printed) {
            Cid cid = Cid.parse(fields[0]);
            assertThat(HEX.formatHex(cid.bytes())).isEqualTo(fields[1]);
            assertThat(cid).hasToString(fields[0]);
        }
        for (String[] fields : ipfs.get("document")) {
            Cid cid = Cid.parse(fields[1]);
            assertThat(cid.codec()).isEqualTo(Multicodec.DAG_CBOR);
            assertThat(cid.verifies(HEX.parseHex(fields[0]))).isTrue();
        }
    }

    @Test
    void dagCborEncodingsAndCidsAreByteIdenticalToIpldDagCbor() {
        for (int i = 0; i < documents.size(); i++) {
            byte[] bytes = DagCbor.encode(documents.get(i));
            String[] expected = ipfs.get("document").get(i);

            assertThat(HEX.formatHex(bytes))
                    .as("document %d: %s", i, TaggedJson.write(documents.get(i)))
                    .isEqualTo(expected[0]);
            assertThat(Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, bytes))
                    .hasToString(expected[1]);
        }
    }

    @Test
    void decodesWhatIpldDagCborWrites() {
        for (int i = 0; i < documents.size(); i++) {
            Object decoded = DagCbor.decode(HEX.parseHex(ipfs.get("document").get(i)[0]));

            assertThat(RandomDocuments.comparable(decoded))
                    .as("document %d", i)
                    .isEqualTo(RandomDocuments.comparable(documents.get(i)));
        }
    }

    /**
     * Documents shaped like the ones the storage node writes, and ones that exercise each rule:
     * links, nested maps whose keys need length-first sorting, negative integers at every header
     * size, byte strings of every header size, non-ASCII keys.
     */
    private static List<Object> structuredDocuments() {
        Random random = new Random(42);
        Cid blob = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, "hello world".getBytes(US_ASCII));
        List<Object> shards = new ArrayList<>();
        List<Object> hashes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] shard = randomBytes(random, 1000);
            shards.add(Cid.of(Multicodec.RAW, HashAlgorithm.values()[i % 2], shard));
            hashes.add(HashAlgorithm.SHA2_256.digest(shard));
        }
        Map<String, Object> placement = new LinkedHashMap<>();
        for (String node : List.of("node-10", "node-2", "node-1", "n", "node-100", "b", "aa")) {
            placement.put(node, List.of(shards.get(random.nextInt(shards.size()))));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("version", 1L);
        manifest.put("cid", blob);
        manifest.put("size", 5_000_000_000L);
        manifest.put("coding", Map.of("k", 4, "m", 2, "segmentSize", MIB));
        manifest.put(
                "segments",
                List.of(
                        Map.of("size", MIB, "shards", shards, "hashes", hashes),
                        Map.of(
                                "size",
                                12_345,
                                "shards",
                                shards.subList(0, 3),
                                "hashes",
                                List.of())));
        manifest.put("placement", placement);
        manifest.put("previous", null);

        Map<String, Object> negatives = new LinkedHashMap<>();
        negatives.put(
                "ints",
                List.of(
                        -1L,
                        -24L,
                        -25L,
                        -256L,
                        -257L,
                        -65_536L,
                        -65_537L,
                        -4_294_967_296L,
                        -4_294_967_297L,
                        -9_007_199_254_740_991L,
                        -9_007_199_254_740_993L,
                        Long.MIN_VALUE));
        negatives.put("floats", List.of(-0.5, -1.0e-300, -123_456.789));

        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, new byte[0]));
        links.put("children", shards);
        links.put(
                "nested",
                Map.of("deeper", Map.of("deepest", Map.of("link", blob, "zz", true, "a", false))));

        Map<String, Object> byteStrings = new LinkedHashMap<>();
        for (int length : new int[] {0, 1, 23, 24, 255, 256, 65_535, 65_536}) {
            byteStrings.put("b" + length, randomBytes(random, length));
        }

        Map<String, Object> keys = new LinkedHashMap<>();
        for (String key :
                List.of("😀", "\uffffa", "日本", "é", "zz", "z", "aaa", "", "\u0000", "A", "a")) {
            keys.put(key, key.length());
        }

        return List.of(
                manifest,
                negatives,
                links,
                byteStrings,
                keys,
                Map.of(),
                Arrays.asList("top-level list", 2.5, null, true, false, blob, new byte[] {0}));
    }

    private static String inputJson() {
        StringBuilder json = new StringBuilder("{\"blobSizes\":[");
        for (int i = 0; i < blobs.size(); i++) {
            json.append(i == 0 ? "" : ",").append(blobs.get(i).length);
        }
        json.append("],\"blake3Digests\":[");
        for (int i = 0; i < blake3Digests.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"")
                    .append(HEX.formatHex(blake3Digests.get(i)))
                    .append('"');
        }
        json.append("],\"documents\":[");
        for (int i = 0; i < documents.size(); i++) {
            json.append(i == 0 ? "" : ",");
            TaggedJson.write(documents.get(i), json);
        }
        return json.append("]}").toString();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
