package io.cere.stack.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one client configuration the storage benchmark uses for every server: the AWS SDK for Java v2
 * over the JDK's HTTP client, path-style addressing, SigV4 with the run's key.
 *
 * <p>Checksums only where an operation requires them: by default the SDK adds a CRC to every upload
 * and checks one on every download, which not every S3 server supports, and which would add client
 * CPU to both sides of the comparison. No retries: a failed request counts as an error, and a
 * latency is one request's.
 */
final class S3BenchClient {

    /** Longer than any request of the benchmark takes when things work. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private S3BenchClient() {}

    static S3Client create(URI endpoint, S3AccessKey key) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(key.id(), key.secret())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(
                        UrlConnectionHttpClient.builder()
                                .connectionTimeout(Duration.ofSeconds(5))
                                .socketTimeout(SOCKET_TIMEOUT)
                                .build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
