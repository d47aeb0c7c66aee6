package io.cere.stack.storage.s3.testutils;

import io.cere.stack.storage.s3.auth.AccessKey;
import io.minio.MinioClient;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The real S3 clients the contract suite drives, configured for one endpoint and key. */
public final class S3Clients {

    private S3Clients() {}

    public static MinioClient minio(URI endpoint, AccessKey key, String region) {
        return MinioClient.builder()
                .endpoint(endpoint.toString())
                .credentials(key.id(), key.secret())
                .region(region)
                .build();
    }

    /**
     * The AWS SDK for Java v2 as it comes: path style, and request checksums whenever the operation
     * supports them (sent as an aws-chunked trailer since SDK 2.30).
     */
    public static S3Client aws(URI endpoint, AccessKey key, String region) {
        return aws(endpoint, key, region, RequestChecksumCalculation.WHEN_SUPPORTED, true);
    }

    /**
     * @param chunked whether the SDK may send aws-chunked bodies at all; without, it signs the
     *     payload hash (or sends it unsigned)
     */
    public static S3Client aws(
            URI endpoint,
            AccessKey key,
            String region,
            RequestChecksumCalculation checksums,
            boolean chunked) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials(key))
                .forcePathStyle(true)
                .requestChecksumCalculation(checksums)
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(chunked).build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static S3Presigner presigner(URI endpoint, AccessKey key, String region) {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials(key))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    private static StaticCredentialsProvider credentials(AccessKey key) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret()));
    }
}
