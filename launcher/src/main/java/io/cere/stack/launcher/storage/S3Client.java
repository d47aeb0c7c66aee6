package io.cere.stack.launcher.storage;

import io.cere.stack.storage.client.ProgressInputStream;
import io.cere.stack.storage.client.ProgressListener;
import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.auth.AwsUriEncoding;
import io.cere.stack.storage.s3.auth.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The few S3 requests {@code bin/cere storage} makes against a storage node: make a bucket, put a
 * file, list buckets and objects, read an object's CID. Requests are signed ({@link S3Signer}),
 * bodies sent unsigned ({@code UNSIGNED-PAYLOAD}) so that a file is read once, as it is sent.
 */
final class S3Client {

    /** The header every object answer of the node's S3 API carries. */
    static final String CID_HEADER = "x-cere-cid";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final S3Signer signer;
    private final HttpClient http;

    S3Client(URI endpoint, AccessKey key, String region, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.signer = new S3Signer(key, region, clock);
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    URI endpoint() {
        return endpoint;
    }

    /** Makes {@code bucket} unless this key already has it. */
    void ensureBucket(String bucket) throws IOException {
        URI uri = uri("/" + encode(bucket), null);
        HttpResponse<InputStream> response =
                send(
                        "PUT",
                        uri,
                        Hex.EMPTY_SHA256,
                        Map.of(),
                        HttpRequest.BodyPublishers.noBody(),
                        TIMEOUT);
        if (response.statusCode() == 409) {
            S3Error error = S3Error.of(response, "PUT " + uri.getRawPath());
            if (error.code().equals("BucketAlreadyOwnedByYou")) {
                return;
            }
            throw error.exception();
        }
        requireSuccess(response, "PUT " + uri.getRawPath());
        response.body().close();
    }

    /** Puts {@code file} as {@code bucket/key}; returns the object's CID. */
    String putObject(String bucket, String key, Path file, ProgressListener progress)
            throws IOException {
        long size = Files.size(file);
        URI uri = uri("/" + encode(bucket) + "/" + AwsUriEncoding.encode(key, true), null);
        HttpRequest.BodyPublisher body =
                HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(
                                () -> {
                                    try {
                                        return new ProgressInputStream(
                                                Files.newInputStream(file), size, progress);
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                }),
                        size);
        // A put takes as long as the file takes to send: no timeout but the connect timeout.
        HttpResponse<InputStream> response =
                send(
                        "PUT",
                        uri,
                        S3Signer.UNSIGNED_PAYLOAD,
                        Map.of("content-type", "application/octet-stream"),
                        body,
                        null);
        requireSuccess(response, "PUT " + uri.getRawPath());
        response.body().close();
        return cid(response, "PUT " + uri.getRawPath());
    }

    /** The names of the buckets, in order. */
    List<String> listBuckets() throws IOException {
        URI uri = uri("/", null);
        HttpResponse<InputStream> response = get(uri);
        requireSuccess(response, "GET /");
        try (InputStream in = response.body()) {
            return S3Listings.bucketNames(in.readAllBytes());
        }
    }

    /** Every object of {@code bucket}, in key order (ListObjectsV2, page after page). */
    List<S3Listings.ListedObject> listObjects(String bucket) throws IOException {
        List<S3Listings.ListedObject> objects = new ArrayList<>();
        String token = null;
        do {
            String query = "list-type=2";
            if (token != null) {
                query += "&continuation-token=" + AwsUriEncoding.encode(token, false);
            }
            URI uri = uri("/" + encode(bucket), query);
            HttpResponse<InputStream> response = get(uri);
            requireSuccess(response, "GET /" + bucket + "?list-type=2");
            S3Listings.Page page;
            try (InputStream in = response.body()) {
                page = S3Listings.objects(in.readAllBytes());
            }
            objects.addAll(page.objects());
            token = page.nextContinuationToken();
        } while (token != null);
        return objects;
    }

    /** The CID of {@code bucket/key}, from {@code HEAD}. */
    String cidOf(String bucket, String key) throws IOException {
        URI uri = uri("/" + encode(bucket) + "/" + AwsUriEncoding.encode(key, true), null);
        HttpResponse<InputStream> response =
                send(
                        "HEAD",
                        uri,
                        Hex.EMPTY_SHA256,
                        Map.of(),
                        HttpRequest.BodyPublishers.noBody(),
                        TIMEOUT);
        requireSuccess(response, "HEAD " + uri.getRawPath());
        response.body().close();
        return cid(response, "HEAD " + uri.getRawPath());
    }

    private HttpResponse<InputStream> get(URI uri) throws IOException {
        return send(
                "GET",
                uri,
                Hex.EMPTY_SHA256,
                Map.of(),
                HttpRequest.BodyPublishers.noBody(),
                TIMEOUT);
    }

    private HttpResponse<InputStream> send(
            String method,
            URI uri,
            String payloadHash,
            Map<String, String> headers,
            HttpRequest.BodyPublisher body,
            Duration timeout)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body);
        if (timeout != null) {
            request.timeout(timeout);
        }
        headers.forEach(request::header);
        signer.sign(method, uri, headers, payloadHash).forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(method + " " + uri + " was interrupted");
        }
    }

    private static void requireSuccess(HttpResponse<InputStream> response, String request)
            throws IOException {
        if (response.statusCode() >= 300) {
            throw S3Error.of(response, request).exception();
        }
    }

    private static String cid(HttpResponse<InputStream> response, String request)
            throws IOException {
        return response.headers()
                .firstValue(CID_HEADER)
                .orElseThrow(
                        () ->
                                new IOException(
                                        request
                                                + " was answered without "
                                                + CID_HEADER
                                                + "; is this a Cere storage node?"));
    }

    private URI uri(String rawPath, String rawQuery) {
        return URI.create(
                endpoint.getScheme()
                        + "://"
                        + endpoint.getRawAuthority()
                        + rawPath
                        + (rawQuery == null ? "" : "?" + rawQuery));
    }

    private static String encode(String bucket) {
        return AwsUriEncoding.encode(bucket, false);
    }

    /** An S3 error answer: its code and message, from the XML body. */
    record S3Error(URI uri, int status, String code, String message, String request) {

        static S3Error of(HttpResponse<InputStream> response, String request) throws IOException {
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(64 << 10);
            }
            S3Listings.ErrorAnswer error = S3Listings.error(body, response.statusCode());
            return new S3Error(
                    response.uri(), response.statusCode(), error.code(), error.message(), request);
        }

        S3RequestException exception() {
            return new S3RequestException(this);
        }
    }

    /** The S3 API refused a request; the message names the node, the code and S3's message. */
    static final class S3RequestException extends IOException {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final String code;

        S3RequestException(S3Error error) {
            super(
                    String.format(
                            "the S3 API at %s answered %s with %d %s: %s",
                            error.uri().getScheme() + "://" + error.uri().getRawAuthority(),
                            error.request(),
                            error.status(),
                            error.code(),
                            error.message()));
            this.status = error.status();
            this.code = error.code();
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }
    }
}
