package io.cere.stack.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.DagCbor;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.auth.Hex;
import io.cere.stack.storage.s3.testutils.RawHttp;
import io.cere.stack.storage.s3.testutils.S3Clients;
import io.cere.stack.storage.s3.testutils.TestSigner;
import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.http.Method;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What the S3 API of a storage node promises, driven through the MinIO Java client, the AWS SDK for
 * Java v2 and, for requests no real client sends, raw signed HTTP. Subclasses start an endpoint
 * (one node, a cluster, or this module's reference backend) and say where it is; the tests create
 * their own uniquely named buckets, so they can share one endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class S3ContractSuite {

    protected static final int MIB = 1024 * 1024;

    /** The header that chooses a new bucket's hash algorithm. */
    private static final String HASH_HEADER = BucketOperations.HASH_HEADER;

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Random random = new Random(20240611L);

    protected MinioClient minio;
    protected S3Client aws;
    protected S3Presigner presigner;

    /** The endpoint, such as {@code http://127.0.0.1:9101}; started before the suite's tests. */
    protected abstract URI endpoint();

    /** A key the endpoint accepts. */
    protected abstract AccessKey accessKey();

    /**
     * The bytes of blob {@code cid} read from the backend past the S3 API (the node's {@code GET
     * /cas/{bucket}/{cid}}), checked against the CID by the backend.
     */
    protected abstract byte[] blob(String bucket, String cid) throws Exception;

    protected String region() {
        return S3Options.DEFAULT_REGION;
    }

    /** The endpoint's {@link S3Options#maxObjectSize()}. */
    protected long maxObjectSize() {
        return S3Options.DEFAULT_MAX_OBJECT_SIZE;
    }

    /** Connects once, after the subclass's {@code @BeforeAll} started the endpoint. */
    @BeforeEach
    void connectClients() {
        if (aws == null) {
            minio = S3Clients.minio(endpoint(), accessKey(), region());
            aws = S3Clients.aws(endpoint(), accessKey(), region());
            presigner = S3Clients.presigner(endpoint(), accessKey(), region());
        }
    }

    @AfterAll
    void closeClients() {
        if (aws != null) {
            aws.close();
            presigner.close();
        }
    }

    // ---- buckets ----------------------------------------------------------------------------

    @Test
    void createsHeadsListsAndDeletesBuckets() throws Exception {
        String bucket = newBucketName();
        aws.createBucket(b -> b.bucket(bucket));

        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
        assertThat(aws.listBuckets().buckets()).anyMatch(b -> b.name().equals(bucket));
        assertThat(awsError(() -> aws.createBucket(b -> b.bucket(bucket))))
                .isEqualTo("409 BucketAlreadyOwnedByYou");

        aws.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        assertThat(awsError(() -> aws.deleteBucket(b -> b.bucket(bucket))))
                .isEqualTo("409 BucketNotEmpty");
        aws.deleteObject(b -> b.bucket(bucket).key("k"));
        aws.deleteBucket(b -> b.bucket(bucket));

        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isFalse();
        assertThat(awsError(() -> aws.listObjectsV2(b -> b.bucket(bucket))))
                .isEqualTo("404 NoSuchBucket");
    }

    @Test
    void aBucketCreatedWithTheBlake3HeaderAddressesItsObjectsWithBlake3() {
        String fast = newBucketName();
        aws.createBucket(
                b -> b.bucket(fast).overrideConfiguration(o -> o.putHeader(HASH_HEADER, "blake3")));
        String plain = newBucket();
        byte[] bytes = randomBytes(1000);

        for (String bucket : List.of(fast, plain)) {
            aws.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromBytes(bytes));
        }

        assertThat(cidOf(fast, "k")).isEqualTo(Cid.of(Multicodec.RAW, HashAlgorithm.BLAKE3, bytes));
        assertThat(cidOf(plain, "k"))
                .isEqualTo(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, bytes));
        assertThat(
                        aws.headBucket(b -> b.bucket(fast))
                                .sdkHttpResponse()
                                .firstMatchingHeader(HASH_HEADER))
                .hasValue("blake3");
        assertThat(
                        aws.headBucket(b -> b.bucket(plain))
                                .sdkHttpResponse()
                                .firstMatchingHeader(HASH_HEADER))
                .hasValue("sha2-256");
        String unknown = newBucketName();
        assertThat(
                        awsError(
                                () ->
                                        aws.createBucket(
                                                b ->
                                                        b.bucket(unknown)
                                                                .overrideConfiguration(
                                                                        o ->
                                                                                o.putHeader(
                                                                                        HASH_HEADER,
                                                                                        "md5")))))
                .isEqualTo("400 InvalidArgument");
        assertThat(awsError(() -> aws.headBucket(b -> b.bucket(unknown))))
                .isEqualTo("404 NoSuchBucket");
    }

    private Cid cidOf(String bucket, String key) {
        return Cid.parse(
                aws.headObject(b -> b.bucket(bucket).key(key))
                        .sdkHttpResponse()
                        .firstMatchingHeader(S3Handler.CID_HEADER)
                        .orElseThrow());
    }

    @Test
    void refusesInvalidAndReservedBucketNames() throws Exception {
        for (String name : List.of("cas", "health", "metrics", "internal")) {
            assertThat(awsError(() -> aws.createBucket(b -> b.bucket(name))))
                    .as(name)
                    .isEqualTo("400 InvalidBucketName");
        }
        // Names the SDKs refuse to send themselves.
        for (String name : List.of("Upper", "ab", "x..y", "10.1.2.3", "-dash")) {
            Map<String, String> headers = host();
            headers.put("content-length", "0");
            TestSigner.Signed put =
                    signer().sign("PUT", "/" + name, "", headers, Hex.EMPTY_SHA256, Instant.now());
            RawHttp.Response response =
                    RawHttp.send(endpoint(), "PUT", put.target(), put.headers(), new byte[0]);
            assertThat(response.status()).as(name).isEqualTo(400);
            assertThat(response.bodyText()).as(name).contains("<Code>InvalidBucketName</Code>");
        }
    }

    // ---- objects: put, get, head ------------------------------------------------------------

    @Test
    void minioPutsGetsAndStatsWithMetadataAndEtag() throws Exception {
        String bucket = newBucket();
        byte[] data = randomBytes(100_000);
        ObjectWriteResponse put =
                minio.putObject(
                        PutObjectArgs.builder().bucket(bucket).object("photos/cat.jpg").stream(
                                        new ByteArrayInputStream(data), data.length, -1)
                                .contentType("image/jpeg")
                                .userMetadata(Map.of("Owner", "alice"))
                                .build());
        assertThat(put.etag()).isEqualTo(md5Hex(data));

        StatObjectResponse stat =
                minio.statObject(
                        StatObjectArgs.builder().bucket(bucket).object("photos/cat.jpg").build());
        assertThat(stat.size()).isEqualTo(data.length);
        assertThat(stat.etag()).isEqualTo(md5Hex(data));
        assertThat(stat.contentType()).isEqualTo("image/jpeg");
        assertThat(stat.userMetadata()).containsEntry("owner", "alice");
        assertThat(stat.headers().get(S3Handler.CID_HEADER)).startsWith("b");
        assertThat(stat.headers().get("x-amz-request-id")).isNotBlank();

        try (GetObjectResponse get =
                minio.getObject(
                        GetObjectArgs.builder().bucket(bucket).object("photos/cat.jpg").build())) {
            assertThat(get.readAllBytes()).isEqualTo(data);
            assertThat(get.headers().get(S3Handler.CID_HEADER))
                    .isEqualTo(stat.headers().get(S3Handler.CID_HEADER));
        }
    }

    @Test
    void awsSdkPutsGetsAndHeadsWithMetadataEtagAndCid() throws Exception {
        String bucket = newBucket();
        byte[] data = randomBytes(300_000);
        String etag =
                aws.putObject(
                                b ->
                                        b.bucket(bucket)
                                                .key("docs/report.pdf")
                                                .contentType("application/pdf")
                                                .metadata(Map.of("project", "cere")),
                                RequestBody.fromBytes(data))
                        .eTag();
        assertThat(etag).isEqualTo('"' + md5Hex(data) + '"');

        ResponseBytes<software.amazon.awssdk.services.s3.model.GetObjectResponse> get =
                aws.getObjectAsBytes(b -> b.bucket(bucket).key("docs/report.pdf"));
        assertThat(get.asByteArray()).isEqualTo(data);
        assertThat(get.response().eTag()).isEqualTo(etag);
        assertThat(get.response().contentType()).isEqualTo("application/pdf");
        assertThat(get.response().metadata()).containsEntry("project", "cere");
        assertThat(get.response().lastModified())
                .isBetween(Instant.now().minusSeconds(600), Instant.now().plusSeconds(600));
        assertThat(get.response().sdkHttpResponse().firstMatchingHeader(S3Handler.CID_HEADER))
                .hasValueSatisfying(cid -> assertThat(cid).matches("b[a-z2-7]{58}"));
        assertThat(get.response().sdkHttpResponse().firstMatchingHeader("x-amz-request-id"))
                .isPresent();

        HeadObjectResponse head = aws.headObject(b -> b.bucket(bucket).key("docs/report.pdf"));
        assertThat(head.contentLength()).isEqualTo(data.length);
        assertThat(head.eTag()).isEqualTo(etag);
        assertThat(head.sdkHttpResponse().firstMatchingHeader(S3Handler.CID_HEADER))
                .isEqualTo(
                        get.response().sdkHttpResponse().firstMatchingHeader(S3Handler.CID_HEADER));
    }

    @Test
    void awsSdkUploadsInEachPayloadMode() {
        String bucket = newBucket();
        byte[] data = randomBytes(200_000);
        Map<String, S3Client> clients = new TreeMap<>();
        clients.put("checksum trailer, chunked", aws);
        clients.put(
                "no checksum, chunked",
                S3Clients.aws(
                        endpoint(),
                        accessKey(),
                        region(),
                        RequestChecksumCalculation.WHEN_REQUIRED,
                        true));
        clients.put(
                "checksum, not chunked",
                S3Clients.aws(
                        endpoint(),
                        accessKey(),
                        region(),
                        RequestChecksumCalculation.WHEN_SUPPORTED,
                        false));
        clients.put(
                "no checksum, not chunked",
                S3Clients.aws(
                        endpoint(),
                        accessKey(),
                        region(),
                        RequestChecksumCalculation.WHEN_REQUIRED,
                        false));
        clients.forEach(
                (mode, client) -> {
                    client.putObject(b -> b.bucket(bucket).key(mode), RequestBody.fromBytes(data));
                    assertThat(
                                    client.getObjectAsBytes(b -> b.bucket(bucket).key(mode))
                                            .asByteArray())
                            .as(mode)
                            .isEqualTo(data);
                });
    }

    @Test
    void emptyObjectsRoundTrip() throws Exception {
        String bucket = newBucket();
        aws.putObject(b -> b.bucket(bucket).key("empty"), RequestBody.empty());
        ResponseBytes<software.amazon.awssdk.services.s3.model.GetObjectResponse> get =
                aws.getObjectAsBytes(b -> b.bucket(bucket).key("empty"));
        assertThat(get.asByteArray()).isEmpty();
        assertThat(get.response().eTag()).isEqualTo('"' + md5Hex(new byte[0]) + '"');
    }

    @Test
    void missingKeysAndBucketsAreNotFound() {
        String bucket = newBucket();
        assertThat(awsError(() -> aws.getObjectAsBytes(b -> b.bucket(bucket).key("nothing"))))
                .isEqualTo("404 NoSuchKey");
        assertThat(awsError(() -> aws.headObject(b -> b.bucket(bucket).key("nothing"))))
                .startsWith("404");
        assertThat(awsError(() -> aws.getObjectAsBytes(b -> b.bucket(newBucketName()).key("k"))))
                .isEqualTo("404 NoSuchBucket");
    }

    @Test
    void errorBodiesCarryCodeMessageResourceAndRequestId() throws Exception {
        String bucket = newBucket();
        TestSigner.Signed get =
                signer().sign(
                                "GET",
                                "/" + bucket + "/missing",
                                "",
                                host(),
                                Hex.EMPTY_SHA256,
                                Instant.now());
        RawHttp.Response response =
                RawHttp.send(endpoint(), "GET", get.target(), get.headers(), new byte[0]);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("content-type")).isEqualTo("application/xml");
        assertThat(response.bodyText())
                .contains("<Code>NoSuchKey</Code>")
                .contains("<Message>")
                .contains("<Resource>/" + bucket + "/missing</Resource>")
                .contains("<RequestId>" + response.header("x-amz-request-id") + "</RequestId>");
    }

    // ---- ranges --------------------------------------------------------------------------------

    @Test
    void rangeReadsAnswerPartialContentAndRefuseUnsatisfiableRanges() throws Exception {
        String bucket = newBucket();
        byte[] data = randomBytes(10_000);
        aws.putObject(b -> b.bucket(bucket).key("r"), RequestBody.fromBytes(data));

        ResponseBytes<software.amazon.awssdk.services.s3.model.GetObjectResponse> first =
                aws.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=0-9"));
        assertThat(first.asByteArray()).isEqualTo(Arrays.copyOfRange(data, 0, 10));
        assertThat(first.response().contentRange()).isEqualTo("bytes 0-9/10000");
        assertThat(first.response().sdkHttpResponse().statusCode()).isEqualTo(206);

        assertThat(
                        aws.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=-100"))
                                .asByteArray())
                .isEqualTo(Arrays.copyOfRange(data, 9_900, 10_000));
        assertThat(
                        aws.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=9990-"))
                                .asByteArray())
                .isEqualTo(Arrays.copyOfRange(data, 9_990, 10_000));
        try (GetObjectResponse middle =
                minio.getObject(
                        GetObjectArgs.builder()
                                .bucket(bucket)
                                .object("r")
                                .offset(5_000L)
                                .length(1_000L)
                                .build())) {
            assertThat(middle.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 5_000, 6_000));
        }
        assertThat(
                        awsError(
                                () ->
                                        aws.getObjectAsBytes(
                                                b ->
                                                        b.bucket(bucket)
                                                                .key("r")
                                                                .range("bytes=10000-"))))
                .isEqualTo("416 InvalidRange");
    }

    // ---- listing -------------------------------------------------------------------------------

    @Test
    void listsWithPrefixDelimiterAndPagination() throws Exception {
        String bucket = newBucket();
        List<String> keys =
                List.of(
                        "a.txt",
                        "photos/2023/x.jpg",
                        "photos/2024/y.jpg",
                        "photos/2024/z.jpg",
                        "photos/top.jpg",
                        "videos/v.mp4",
                        "z.txt");
        for (String key : keys) {
            aws.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }

        ListObjectsV2Response root = aws.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertThat(root.contents()).extracting(S3Object::key).containsExactly("a.txt", "z.txt");
        assertThat(root.commonPrefixes())
                .extracting(CommonPrefix::prefix)
                .containsExactly("photos/", "videos/");
        assertThat(root.keyCount()).isEqualTo(4);
        assertThat(root.isTruncated()).isFalse();

        ListObjectsV2Response photos =
                aws.listObjectsV2(b -> b.bucket(bucket).prefix("photos/").delimiter("/"));
        assertThat(photos.contents()).extracting(S3Object::key).containsExactly("photos/top.jpg");
        assertThat(photos.commonPrefixes())
                .extracting(CommonPrefix::prefix)
                .containsExactly("photos/2023/", "photos/2024/");

        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String continuation = token;
            ListObjectsV2Response page =
                    aws.listObjectsV2(
                            b -> b.bucket(bucket).maxKeys(2).continuationToken(continuation));
            page.contents().forEach(o -> paged.add(o.key()));
            assertThat(page.keyCount()).isLessThanOrEqualTo(2);
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            pages++;
        } while (token != null);
        assertThat(paged).isEqualTo(keys);
        assertThat(pages).isEqualTo(4);

        assertThat(
                        aws.listObjectsV2(b -> b.bucket(bucket).startAfter("photos/2024/z.jpg"))
                                .contents())
                .extracting(S3Object::key)
                .containsExactly("photos/top.jpg", "videos/v.mp4", "z.txt");
        S3Object listed = root.contents().get(0);
        assertThat(listed.size()).isEqualTo(5L);
        assertThat(listed.eTag())
                .isEqualTo('"' + md5Hex("a.txt".getBytes(StandardCharsets.UTF_8)) + '"');

        List<String> minioTop = new ArrayList<>();
        for (Result<Item> item :
                minio.listObjects(ListObjectsArgs.builder().bucket(bucket).build())) {
            minioTop.add(item.get().objectName());
        }
        // The MinIO client gives each page's keys before its common prefixes.
        assertThat(minioTop).containsExactlyInAnyOrder("a.txt", "photos/", "videos/", "z.txt");
        List<String> minioAll = new ArrayList<>();
        for (Result<Item> item :
                minio.listObjects(
                        ListObjectsArgs.builder()
                                .bucket(bucket)
                                .recursive(true)
                                .maxKeys(3)
                                .build())) {
            minioAll.add(item.get().objectName());
        }
        assertThat(minioAll).isEqualTo(keys);
    }

    @Test
    void listsKeysThatNeedEscapingInXml() {
        String bucket = newBucket();
        List<String> keys = List.of("a&b<c>.txt", "space key", "unicode-ключ", "plus+sign");
        for (String key : keys) {
            aws.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"));
        }
        assertThat(aws.listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(S3Object::key)
                .containsExactlyInAnyOrderElementsOf(keys);
        for (String key : keys) {
            assertThat(aws.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String())
                    .isEqualTo("x");
        }
    }

    // ---- multipart ---------------------------------------------------------------------------

    @Test
    void multipartUploadOfThreeFiveMibPartsHasS3sEtagAndReadsBack() throws Exception {
        String bucket = newBucket();
        byte[][] parts = {randomBytes(5 * MIB), randomBytes(5 * MIB), randomBytes(5 * MIB)};
        String uploadId =
                aws.createMultipartUpload(
                                b -> b.bucket(bucket).key("big.bin").contentType("video/mp4"))
                        .uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        MessageDigest md5s = MessageDigest.getInstance("MD5");
        for (int i = 0; i < parts.length; i++) {
            int number = i + 1;
            String etag =
                    aws.uploadPart(
                                    b ->
                                            b.bucket(bucket)
                                                    .key("big.bin")
                                                    .uploadId(uploadId)
                                                    .partNumber(number),
                                    RequestBody.fromBytes(parts[i]))
                            .eTag();
            assertThat(etag).isEqualTo('"' + md5Hex(parts[i]) + '"');
            completed.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            md5s.update(MessageDigest.getInstance("MD5").digest(parts[i]));
        }
        ListPartsResponse listed =
                aws.listParts(b -> b.bucket(bucket).key("big.bin").uploadId(uploadId));
        assertThat(listed.parts()).hasSize(3);
        assertThat(listed.parts())
                .extracting(p -> p.partNumber(), p -> p.eTag(), p -> p.size())
                .containsExactly(
                        tuple(1, completed.get(0).eTag(), 5L * MIB),
                        tuple(2, completed.get(1).eTag(), 5L * MIB),
                        tuple(3, completed.get(2).eTag(), 5L * MIB));

        CompleteMultipartUploadResponse done =
                aws.completeMultipartUpload(
                        b ->
                                b.bucket(bucket)
                                        .key("big.bin")
                                        .uploadId(uploadId)
                                        .multipartUpload(m -> m.parts(completed)));
        String etag = done.eTag();
        String expected = '"' + HexFormat.of().formatHex(md5s.digest()) + "-3\"";
        assertThat(etag).isEqualTo(expected);
        String completedCid =
                done.sdkHttpResponse().firstMatchingHeader(S3Handler.CID_HEADER).orElseThrow();

        ResponseBytes<software.amazon.awssdk.services.s3.model.GetObjectResponse> get =
                aws.getObjectAsBytes(b -> b.bucket(bucket).key("big.bin"));
        assertThat(get.asByteArray()).isEqualTo(concat(parts));
        assertThat(get.response().eTag()).isEqualTo(expected);
        assertThat(get.response().contentType()).isEqualTo("video/mp4");
        String cid =
                get.response()
                        .sdkHttpResponse()
                        .firstMatchingHeader(S3Handler.CID_HEADER)
                        .orElseThrow();
        assertThat(cid).as("CID of the completed upload and of the object").isEqualTo(completedCid);
        assertLinksItsPartsInOrder(bucket, Cid.parse(cid), parts);
        byte[] across =
                aws.getObjectAsBytes(
                                b ->
                                        b.bucket(bucket)
                                                .key("big.bin")
                                                .range(
                                                        "bytes="
                                                                + (5 * MIB - 10)
                                                                + "-"
                                                                + (10 * MIB + 9)))
                        .asByteArray();
        assertThat(across)
                .isEqualTo(Arrays.copyOfRange(concat(parts), 5 * MIB - 10, 10 * MIB + 10));
        assertThat(
                        awsError(
                                () ->
                                        aws.listParts(
                                                b ->
                                                        b.bucket(bucket)
                                                                .key("big.bin")
                                                                .uploadId(uploadId))))
                .isEqualTo("404 NoSuchUpload");
    }

    /**
     * A multipart object's CID names a DAG-CBOR block, {@code {"size": total, "parts": [{"cid":
     * link, "size": n}, ...]}}, stored as a blob: the block hashes to the CID and each link reads
     * back as its part's bytes.
     */
    private void assertLinksItsPartsInOrder(String bucket, Cid cid, byte[]... parts)
            throws Exception {
        byte[] block = blob(bucket, cid.toString());
        assertThat(cid.codec()).isEqualTo(Multicodec.DAG_CBOR);
        assertThat(Cid.of(Multicodec.DAG_CBOR, cid.hashAlgorithm(), block)).isEqualTo(cid);
        Map<String, Object> document = DagCbor.decodeMap(block);
        assertThat(document.get("size")).isEqualTo((long) concat(parts).length);
        List<?> linked = (List<?>) document.get("parts");
        assertThat(linked).hasSize(parts.length);
        for (int i = 0; i < parts.length; i++) {
            Map<?, ?> entry = (Map<?, ?>) linked.get(i);
            assertThat(entry.get("size")).isEqualTo((long) parts[i].length);
            Cid part = (Cid) entry.get("cid");
            assertThat(blob(bucket, part.toString()))
                    .as("part %d by its CID %s", i + 1, part)
                    .isEqualTo(parts[i]);
        }
    }

    @Test
    void completingRefusesWrongEtagsDisorderAndSmallParts() {
        String bucket = newBucket();
        String uploadId = aws.createMultipartUpload(b -> b.bucket(bucket).key("m")).uploadId();
        String small1 = uploadPart(bucket, "m", uploadId, 1, randomBytes(1024));
        String small2 = uploadPart(bucket, "m", uploadId, 2, randomBytes(1024));

        assertThat(
                        complete(
                                bucket,
                                "m",
                                uploadId,
                                part(1, small1),
                                part(2, "\"0123456789abcdef0123456789abcdef\"")))
                .isEqualTo("400 InvalidPart");
        assertThat(complete(bucket, "m", uploadId, part(1, small1), part(3, small2)))
                .isEqualTo("400 InvalidPart");
        assertThat(complete(bucket, "m", uploadId, part(2, small2), part(1, small1)))
                .isEqualTo("400 InvalidPartOrder");
        assertThat(complete(bucket, "m", uploadId, part(1, small1), part(2, small2)))
                .isEqualTo("400 EntityTooSmall");
        assertThat(awsError(() -> aws.headObject(b -> b.bucket(bucket).key("m"))))
                .startsWith("404");

        aws.abortMultipartUpload(b -> b.bucket(bucket).key("m").uploadId(uploadId));
        assertThat(complete(bucket, "m", uploadId, part(1, small1))).isEqualTo("404 NoSuchUpload");
    }

    @Test
    void minioUploadsAStreamOfUnknownSizeInParts() throws Exception {
        String bucket = newBucket();
        byte[] data = randomBytes(12 * MIB);
        minio.putObject(
                PutObjectArgs.builder().bucket(bucket).object("stream.bin").stream(
                                new ByteArrayInputStream(data), -1, 5L * MIB)
                        .build());
        StatObjectResponse stat =
                minio.statObject(
                        StatObjectArgs.builder().bucket(bucket).object("stream.bin").build());
        assertThat(stat.size()).isEqualTo(data.length);
        assertThat(stat.etag()).endsWith("-3");
        try (GetObjectResponse get =
                minio.getObject(
                        GetObjectArgs.builder().bucket(bucket).object("stream.bin").build())) {
            assertThat(get.readAllBytes()).isEqualTo(data);
        }
    }

    // ---- copy and delete -----------------------------------------------------------------------

    @Test
    void copiesKeepOrReplaceMetadata() throws Exception {
        String bucket = newBucket();
        String target = newBucket();
        byte[] data = randomBytes(50_000);
        aws.putObject(
                b ->
                        b.bucket(bucket)
                                .key("src")
                                .contentType("text/plain")
                                .metadata(Map.of("a", "1")),
                RequestBody.fromBytes(data));

        CopyObjectResponse kept =
                aws.copyObject(
                        b ->
                                b.sourceBucket(bucket)
                                        .sourceKey("src")
                                        .destinationBucket(target)
                                        .destinationKey("copy"));
        assertThat(kept.copyObjectResult().eTag()).isEqualTo('"' + md5Hex(data) + '"');
        assertThat(kept.sdkHttpResponse().firstMatchingHeader(S3Handler.CID_HEADER))
                .as("the copy's CID, the source's bytes")
                .contains(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, data).toString());
        HeadObjectResponse copy = aws.headObject(b -> b.bucket(target).key("copy"));
        assertThat(copy.metadata()).containsEntry("a", "1");
        assertThat(copy.contentType()).isEqualTo("text/plain");
        assertThat(aws.getObjectAsBytes(b -> b.bucket(target).key("copy")).asByteArray())
                .isEqualTo(data);

        aws.copyObject(
                b ->
                        b.sourceBucket(bucket)
                                .sourceKey("src")
                                .destinationBucket(bucket)
                                .destinationKey("src")
                                .metadataDirective(MetadataDirective.REPLACE)
                                .contentType("application/json")
                                .metadata(Map.of("b", "2")));
        HeadObjectResponse replaced = aws.headObject(b -> b.bucket(bucket).key("src"));
        assertThat(replaced.metadata()).containsOnlyKeys("b");
        assertThat(replaced.contentType()).isEqualTo("application/json");

        assertThat(
                        awsError(
                                () ->
                                        aws.copyObject(
                                                b ->
                                                        b.sourceBucket(bucket)
                                                                .sourceKey("src")
                                                                .destinationBucket(bucket)
                                                                .destinationKey("src"))))
                .isEqualTo("400 InvalidRequest");
        assertThat(
                        awsError(
                                () ->
                                        aws.copyObject(
                                                b ->
                                                        b.sourceBucket(bucket)
                                                                .sourceKey("absent")
                                                                .destinationBucket(bucket)
                                                                .destinationKey("x"))))
                .isEqualTo("404 NoSuchKey");

        minio.copyObject(
                CopyObjectArgs.builder()
                        .bucket(target)
                        .object("minio-copy")
                        .source(CopySource.builder().bucket(bucket).object("src").build())
                        .build());
        assertThat(aws.getObjectAsBytes(b -> b.bucket(target).key("minio-copy")).asByteArray())
                .isEqualTo(data);
    }

    @Test
    void deletesOneAndManyObjects() throws Exception {
        String bucket = newBucket();
        for (String key : List.of("a", "b", "c", "d", "e")) {
            aws.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        aws.deleteObject(b -> b.bucket(bucket).key("a"));
        aws.deleteObject(b -> b.bucket(bucket).key("never-there"));

        DeleteObjectsResponse deleted =
                aws.deleteObjects(
                        b ->
                                b.bucket(bucket)
                                        .delete(
                                                d ->
                                                        d.objects(
                                                                ObjectIdentifier.builder()
                                                                        .key("b")
                                                                        .build(),
                                                                ObjectIdentifier.builder()
                                                                        .key("c")
                                                                        .build(),
                                                                ObjectIdentifier.builder()
                                                                        .key("zz")
                                                                        .build())));
        assertThat(deleted.deleted()).hasSize(3);
        assertThat(deleted.errors()).isEmpty();

        List<DeleteError> errors = new ArrayList<>();
        for (Result<DeleteError> error :
                minio.removeObjects(
                        RemoveObjectsArgs.builder()
                                .bucket(bucket)
                                .objects(List.of(new DeleteObject("d")))
                                .build())) {
            errors.add(error.get());
        }
        assertThat(errors).isEmpty();

        assertThat(aws.listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(S3Object::key)
                .containsExactly("e");
        assertThat(awsError(() -> aws.getObjectAsBytes(b -> b.bucket(bucket).key("b"))))
                .isEqualTo("404 NoSuchKey");
    }

    @Test
    void deleteObjectsWithoutContentMd5IsRefused() throws Exception {
        String bucket = newBucket();
        aws.putObject(b -> b.bucket(bucket).key("keep"), RequestBody.fromString("k"));
        byte[] body =
                "<Delete><Object><Key>keep</Key></Object></Delete>"
                        .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = host();
        headers.put("content-length", Integer.toString(body.length));
        TestSigner.Signed post =
                signer().sign(
                                "POST",
                                "/" + bucket,
                                "delete=",
                                headers,
                                Hex.sha256Hex(body),
                                Instant.now());
        RawHttp.Response response =
                RawHttp.send(endpoint(), "POST", post.target(), post.headers(), body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("<Code>InvalidRequest</Code>");
        assertThat(aws.getObjectAsBytes(b -> b.bucket(bucket).key("keep")).asUtf8String())
                .isEqualTo("k");
    }

    // ---- presigned URLs ------------------------------------------------------------------------

    @Test
    void presignedGetAndPutWork() throws Exception {
        String bucket = newBucket();
        byte[] data = randomBytes(20_000);
        HttpClient http = HttpClient.newHttpClient();

        URI put =
                presigner
                        .presignPutObject(
                                p ->
                                        p.signatureDuration(Duration.ofMinutes(10))
                                                .putObjectRequest(b -> b.bucket(bucket).key("pre")))
                        .url()
                        .toURI();
        HttpResponse<String> uploaded =
                http.send(
                        HttpRequest.newBuilder(put)
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.headers().firstValue(S3Handler.CID_HEADER)).isPresent();

        URI get =
                presigner
                        .presignGetObject(
                                p ->
                                        p.signatureDuration(Duration.ofMinutes(10))
                                                .getObjectRequest(b -> b.bucket(bucket).key("pre")))
                        .url()
                        .toURI();
        HttpResponse<byte[]> downloaded =
                http.send(
                        HttpRequest.newBuilder(get).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(data);

        String minioUrl =
                minio.getPresignedObjectUrl(
                        GetPresignedObjectUrlArgs.builder()
                                .method(Method.GET)
                                .bucket(bucket)
                                .object("pre")
                                .expiry(3600)
                                .build());
        assertThat(
                        http.send(
                                        HttpRequest.newBuilder(URI.create(minioUrl)).build(),
                                        HttpResponse.BodyHandlers.ofByteArray())
                                .body())
                .isEqualTo(data);
    }

    @Test
    void expiredPresignedUrlIsRefused() throws Exception {
        String bucket = newBucket();
        aws.putObject(b -> b.bucket(bucket).key("old"), RequestBody.fromString("x"));
        RawHttp.Response response = sendPresignedTwoHoursAgo("GET", "/" + bucket + "/old", "");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.bodyText())
                .contains("<Code>AccessDenied</Code>")
                .contains("Request has expired");

        RawHttp.Response refused = sendPresignedTwoHoursAgo("PUT", "/" + bucket + "/late", "late");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.bodyText()).contains("<Code>AccessDenied</Code>");
        assertThat(awsError(() -> aws.headObject(b -> b.bucket(bucket).key("late"))))
                .startsWith("404");

        String tooLong =
                signer().presign(
                                "GET", "/" + bucket + "/old", hostHeader(), Instant.now(), 604_801);
        assertThat(
                        RawHttp.send(
                                        endpoint(),
                                        "GET",
                                        tooLong,
                                        List.<String[]>of(new String[] {"Host", hostHeader()}),
                                        new byte[0])
                                .bodyText())
                .contains("<Code>AuthorizationQueryParametersError</Code>");
    }

    /** Sends {@code body} to {@code path} with a URL presigned two hours ago for one hour. */
    private RawHttp.Response sendPresignedTwoHoursAgo(String method, String path, String body)
            throws IOException {
        String target =
                signer().presign(
                                method,
                                path,
                                hostHeader(),
                                Instant.now().minus(Duration.ofHours(2)),
                                3600);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Host", hostHeader()});
        if (bytes.length > 0) {
            headers.add(new String[] {"Content-Length", Integer.toString(bytes.length)});
        }
        return RawHttp.send(endpoint(), method, target, headers, bytes);
    }

    // ---- authentication ------------------------------------------------------------------------

    @Test
    void wrongSignatureUnknownKeyAndNoSignatureAreRefusedAndWriteNothing() throws Exception {
        String bucket = newBucket();
        AccessKey wrongSecret = new AccessKey(accessKey().id(), accessKey().secret() + "x");
        try (S3Client forger = S3Clients.aws(endpoint(), wrongSecret, region())) {
            assertThat(
                            awsError(
                                    () ->
                                            forger.putObject(
                                                    b -> b.bucket(bucket).key("forged"),
                                                    RequestBody.fromString("x"))))
                    .isEqualTo("403 SignatureDoesNotMatch");
        }
        try (S3Client stranger =
                S3Clients.aws(
                        endpoint(), new AccessKey("nobody-here", "some-secret-key"), region())) {
            assertThat(
                            awsError(
                                    () ->
                                            stranger.putObject(
                                                    b -> b.bucket(bucket).key("strange"),
                                                    RequestBody.fromString("x"))))
                    .isEqualTo("403 InvalidAccessKeyId");
        }
        RawHttp.Response anonymous =
                RawHttp.send(
                        endpoint(),
                        "PUT",
                        "/" + bucket + "/anonymous",
                        List.of(
                                new String[] {"Host", hostHeader()},
                                new String[] {"Content-Length", "1"}),
                        new byte[] {'x'});
        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(anonymous.bodyText()).contains("<Code>AccessDenied</Code>");

        assertThat(aws.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    // ---- refused input -------------------------------------------------------------------------

    @Test
    void keysWithDotDotSegmentsOrNulAreRefusedAndWriteNothing() throws Exception {
        String bucket = newBucket();
        for (String path :
                List.of("/" + bucket + "/a/../b", "/" + bucket + "/a%00b", "/" + bucket + "/..")) {
            Map<String, String> headers = host();
            headers.put("content-length", "1");
            TestSigner.Signed put =
                    signer().sign("PUT", path, "", headers, "UNSIGNED-PAYLOAD", Instant.now());
            RawHttp.Response response =
                    RawHttp.send(endpoint(), "PUT", put.target(), put.headers(), new byte[] {'x'});
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.bodyText()).as(path).contains("<Code>InvalidArgument</Code>");
        }
        assertThat(aws.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void oversizeBodyIsRefusedBeforeItIsRead() throws Exception {
        String bucket = newBucket();
        Map<String, String> headers = host();
        headers.put("content-length", Long.toString(maxObjectSize() + 1));
        TestSigner.Signed put =
                signer().sign(
                                "PUT",
                                "/" + bucket + "/huge",
                                "",
                                headers,
                                "UNSIGNED-PAYLOAD",
                                Instant.now());
        // Only the headers go out: an answer can only come if the server did not wait for the body.
        RawHttp.Response response =
                RawHttp.send(endpoint(), "PUT", put.target(), put.headers(), new byte[0]);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("<Code>EntityTooLarge</Code>");
        assertThat(awsError(() -> aws.headObject(b -> b.bucket(bucket).key("huge"))))
                .startsWith("404");
    }

    @Test
    void bodyThatDoesNotMatchItsSignedHashIsRefusedAndWritesNothing() throws Exception {
        String bucket = newBucket();
        byte[] body = "what was sent".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = host();
        headers.put("content-length", Integer.toString(body.length));
        TestSigner.Signed put =
                signer().sign(
                                "PUT",
                                "/" + bucket + "/tampered",
                                "",
                                headers,
                                Hex.sha256Hex("what was signed"),
                                Instant.now());
        RawHttp.Response response =
                RawHttp.send(endpoint(), "PUT", put.target(), put.headers(), body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("<Code>XAmzContentSHA256Mismatch</Code>");
        assertThat(awsError(() -> aws.headObject(b -> b.bucket(bucket).key("tampered"))))
                .startsWith("404");
    }

    @Test
    void contentMd5MismatchIsRefusedAndWritesNothing() throws Exception {
        String bucket = newBucket();
        byte[] body = "abc".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = host();
        headers.put("content-length", "3");
        headers.put(
                "content-md5",
                java.util.Base64.getEncoder()
                        .encodeToString(md5("abd".getBytes(StandardCharsets.UTF_8))));
        TestSigner.Signed put =
                signer().sign(
                                "PUT",
                                "/" + bucket + "/md5",
                                "",
                                headers,
                                "UNSIGNED-PAYLOAD",
                                Instant.now());
        RawHttp.Response response =
                RawHttp.send(endpoint(), "PUT", put.target(), put.headers(), body);
        assertThat(response.bodyText()).contains("<Code>BadDigest</Code>");
        assertThat(awsError(() -> aws.headObject(b -> b.bucket(bucket).key("md5"))))
                .startsWith("404");
    }

    // ---- aws-chunked bodies ------------------------------------------------------------------

    @Test
    void unsignedChunksWithChecksumTrailerAreVerified() throws Exception {
        String bucket = newBucket();
        byte[] data = randomBytes(100_000);
        CRC32 crc = new CRC32();
        crc.update(data);
        String good = crc32Base64(crc.getValue());
        String bad = crc32Base64(crc.getValue() + 1);

        assertThat(
                        putChunked(
                                        bucket,
                                        "trailer-good",
                                        data,
                                        false,
                                        "x-amz-checksum-crc32:" + good)
                                .status())
                .isEqualTo(200);
        assertThat(aws.getObjectAsBytes(b -> b.bucket(bucket).key("trailer-good")).asByteArray())
                .isEqualTo(data);

        RawHttp.Response refused =
                putChunked(bucket, "trailer-bad", data, false, "x-amz-checksum-crc32:" + bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.bodyText()).contains("<Code>BadDigest</Code>");
        assertThat(awsError(() -> aws.headObject(b -> b.bucket(bucket).key("trailer-bad"))))
                .startsWith("404");
    }

    @Test
    void signedChunksAreVerifiedChunkByChunk() throws Exception {
        String bucket = newBucket();
        byte[] data = randomBytes(70_000);
        assertThat(putChunked(bucket, "signed", data, true, null).status()).isEqualTo(200);
        assertThat(aws.getObjectAsBytes(b -> b.bucket(bucket).key("signed")).asByteArray())
                .isEqualTo(data);

        CRC32 crc = new CRC32();
        crc.update(data);
        assertThat(
                        putChunked(
                                        bucket,
                                        "signed-trailer",
                                        data,
                                        true,
                                        "x-amz-checksum-crc32:" + crc32Base64(crc.getValue()))
                                .status())
                .isEqualTo(200);

        RawHttp.Response forged = putChunkedTampered(bucket, "forged", data);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.bodyText()).contains("<Code>SignatureDoesNotMatch</Code>");
        assertThat(awsError(() -> aws.headObject(b -> b.bucket(bucket).key("forged"))))
                .startsWith("404");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private RawHttp.Response putChunked(
            String bucket, String key, byte[] data, boolean signed, String trailer)
            throws Exception {
        return putChunked(bucket, key, data, signed, trailer, false);
    }

    private RawHttp.Response putChunkedTampered(String bucket, String key, byte[] data)
            throws Exception {
        return putChunked(bucket, key, data, true, null, true);
    }

    /** Sends {@code data} aws-chunked in 16 KiB chunks, signed or not, with an optional trailer. */
    private RawHttp.Response putChunked(
            String bucket, String key, byte[] data, boolean signed, String trailer, boolean tamper)
            throws Exception {
        String mode;
        if (signed) {
            mode =
                    trailer == null
                            ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
                            : "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
        } else {
            mode = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
        }
        List<String> trailers = trailer == null ? List.of() : List.of(trailer);
        // The encoded length is needed before signing; encode once with a throwaway chain.
        Map<String, String> headers = host();
        headers.put("content-encoding", "aws-chunked");
        headers.put("x-amz-decoded-content-length", Integer.toString(data.length));
        if (trailer != null) {
            headers.put("x-amz-trailer", trailer.substring(0, trailer.indexOf(':')));
        }
        int encodedLength =
                TestSigner.awsChunked(data, 16 * 1024, signed ? dummyChain() : null, trailers)
                        .length;
        headers.put("content-length", Integer.toString(encodedLength));
        TestSigner.Signed put =
                signer().sign("PUT", "/" + bucket + "/" + key, "", headers, mode, Instant.now());
        byte[] body =
                TestSigner.awsChunked(
                        data,
                        16 * 1024,
                        signed
                                ? new io.cere.stack.storage.s3.auth.ChunkSignatureChain(
                                        put.signingKey(), put.timestamp(), put.seedSignature())
                                : null,
                        trailers);
        if (tamper) {
            int at = body.length / 2;
            body[at] = (byte) (body[at] ^ 1);
        }
        return RawHttp.send(endpoint(), "PUT", put.target(), put.headers(), body);
    }

    private io.cere.stack.storage.s3.auth.ChunkSignatureChain dummyChain() {
        return new io.cere.stack.storage.s3.auth.ChunkSignatureChain(
                io.cere.stack.storage.s3.auth.SigningKey.derive(
                        "unused-secret",
                        new io.cere.stack.storage.s3.auth.CredentialScope(
                                "20240101", region(), "s3")),
                "20240101T000000Z",
                "0".repeat(64));
    }

    private String uploadPart(String bucket, String key, String uploadId, int number, byte[] data) {
        return aws.uploadPart(
                        b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromBytes(data))
                .eTag();
    }

    private static CompletedPart part(int number, String etag) {
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    private String complete(String bucket, String key, String uploadId, CompletedPart... parts) {
        return awsError(
                () ->
                        aws.completeMultipartUpload(
                                b ->
                                        b.bucket(bucket)
                                                .key(key)
                                                .uploadId(uploadId)
                                                .multipartUpload(m -> m.parts(parts))));
    }

    /** {@code "<status> <code>"} of the S3 error the call fails with. */
    protected static String awsError(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e.statusCode() + " " + e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("the call succeeded but should have failed");
    }

    protected String newBucketName() {
        return "ct-" + run + "-" + BUCKETS.incrementAndGet();
    }

    protected String newBucket() {
        String bucket = newBucketName();
        aws.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    protected byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        return bytes;
    }

    private TestSigner signer() {
        return new TestSigner(accessKey(), region());
    }

    private String hostHeader() {
        return endpoint().getHost() + ":" + endpoint().getPort();
    }

    private Map<String, String> host() {
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", hostHeader());
        return headers;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(md5(data));
    }

    private static String crc32Base64(long crc) {
        byte[] bytes = {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }
}
