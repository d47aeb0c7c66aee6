package io.cere.stack.storage.s3;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.cere.stack.storage.s3.auth.Authentication;
import io.cere.stack.storage.s3.auth.AwsUriEncoding;
import io.cere.stack.storage.s3.auth.Credentials;
import io.cere.stack.storage.s3.auth.QueryParameter;
import io.cere.stack.storage.s3.auth.SigV4Verifier;
import io.cere.stack.storage.s3.auth.SignableRequest;
import io.cere.stack.storage.s3.backend.ActivityListener;
import io.cere.stack.storage.s3.backend.BlobNotFoundException;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.backend.MetadataIndex;
import io.cere.stack.storage.s3.backend.StorageUnavailableException;
import io.cere.stack.storage.s3.catalog.S3Catalog;
import io.cere.stack.storage.s3.payload.PayloadRejectedException;
import io.cere.stack.storage.s3.xml.S3Xml;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3-compatible HTTP API of a storage node, for the JDK's HTTP server. Mount it at {@code /}:
 * paths are {@code /<bucket>/<key>} (or the key alone on a {@code <bucket>.<base domain>} host),
 * and the names of the node's other resources ({@code cas}, {@code health}, {@code metrics}, {@code
 * internal}) cannot be bucket names.
 *
 * <p>Every request must be signed with AWS Signature Version 4 by one of the {@link Credentials},
 * in its headers or as a presigned URL. Object bodies and parts go to the {@link BlobStore};
 * buckets, object records and uploads in progress to the {@link MetadataIndex}. Every answer
 * carries {@code x-amz-request-id}; every object answer also {@code x-cere-cid}, the CID that makes
 * the object a verifiable blob. Each PUT, GET and DELETE served is reported to the {@link
 * ActivityListener} once its answer has been sent.
 *
 * <p>Thread-safe: one instance serves every request of a node.
 */
public final class S3Handler implements HttpHandler {

    /** The header every object answer carries with the object's CID. */
    public static final String CID_HEADER = "x-cere-cid";

    private static final Logger LOG = LoggerFactory.getLogger(S3Handler.class);

    private final ActivityListener activity;
    private final S3Options options;
    private final SigV4Verifier verifier;
    private final S3Router router;
    private final RequestIds requestIds = new RequestIds();

    public S3Handler(
            BlobStore blobs,
            MetadataIndex index,
            ActivityListener activity,
            Credentials credentials,
            S3Options options) {
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(index, "index");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.options = Objects.requireNonNull(options, "options");
        this.verifier = new SigV4Verifier(credentials, options.region(), options.clock());
        S3Catalog catalog = new S3Catalog(index);
        BucketOperations buckets = new BucketOperations(catalog, blobs, options);
        this.router =
                new S3Router(
                        buckets,
                        new ObjectOperations(catalog, blobs, buckets, options),
                        new ListObjectsOperation(catalog, buckets),
                        new MultipartUploads(catalog, blobs, buckets, options));
    }

    public S3Options options() {
        return options;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = requestIds.next();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        boolean head = method.equals("HEAD");
        String resource = "/";
        Exchange answer = new Exchange(exchange, requestId, head);
        try {
            String rawPath = exchange.getRequestURI().getRawPath();
            List<QueryParameter> query;
            String path;
            try {
                query = QueryParameter.parse(exchange.getRequestURI().getRawQuery());
                path = AwsUriEncoding.decodePath(rawPath == null ? "/" : rawPath);
            } catch (IllegalArgumentException e) {
                throw S3ErrorCode.INVALID_ARGUMENT.exception(
                        "The request URI is not URL-encoded correctly: " + e.getMessage());
            }
            Map<String, List<String>> headers = lowerCaseNames(exchange.getRequestHeaders());
            RequestAddress address =
                    RequestAddress.resolve(first(headers, "host"), path, options.baseDomains());
            resource = S3Request.resource(address.bucket(), address.key());
            SignableRequest signable =
                    new SignableRequest(method, rawPath == null ? "/" : rawPath, query, headers);
            Authentication auth = verifier.verify(signable);
            S3Request request =
                    new S3Request(
                            requestId,
                            signable,
                            address.bucket(),
                            address.key(),
                            auth,
                            exchange.getRequestBody());
            answer.send(router.route(request));
        } catch (S3Exception e) {
            answer.fail(e, resource);
        } catch (IOException | RuntimeException e) {
            answer.fail(asS3Error(e, method, resource), resource);
        } finally {
            exchange.close();
            answer.report(activity);
        }
        if (answer.incomplete) {
            // Thrown to the server, which then drops the connection: the client must not wait
            // for the rest of a body that will never come, nor read the next answer as part of it.
            throw new IOException("answer " + requestId + " to " + resource + " is incomplete");
        }
    }

    /** The S3 error an unexpected failure is answered with; logged unless it is a client's. */
    private static S3Exception asS3Error(Exception e, String method, String resource) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadRejectedException rejected) {
                return rejected.rejection();
            }
            if (cause instanceof StorageUnavailableException) {
                LOG.warn("Storage unavailable for {} {}: {}", method, resource, cause.getMessage());
                return S3ErrorCode.SERVICE_UNAVAILABLE.exception(
                        "The storage cluster cannot serve this now: " + cause.getMessage());
            }
            if (cause instanceof BlobNotFoundException) {
                LOG.error("An object's blob is missing for {} {}", method, resource, e);
                return S3ErrorCode.INTERNAL_ERROR.exception(
                        "The object's data is missing: " + cause.getMessage());
            }
        }
        LOG.error("Failed to answer {} {}", method, resource, e);
        return S3ErrorCode.INTERNAL_ERROR.exception();
    }

    private static Map<String, List<String>> lowerCaseNames(Headers headers) {
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach(
                (name, values) ->
                        lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .addAll(values));
        return lower;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** One exchange's answer: sent once, then its activity reported. */
    private static final class Exchange {
        private final HttpExchange exchange;
        private final String requestId;
        private final boolean head;
        private final ObjectContent.LongCounter delivered = new ObjectContent.LongCounter();
        private boolean headersSent;
        private boolean incomplete;
        private S3Response sent;

        Exchange(HttpExchange exchange, String requestId, boolean head) {
            this.exchange = exchange;
            this.requestId = requestId;
            this.head = head;
        }

        void send(S3Response response) throws IOException {
            Headers headers = commonHeaders();
            response.headers().forEach(headers::set);
            ObjectContent content = response.content();
            byte[] xml = response.xml();
            if (content != null && !head) {
                headersSent = true;
                exchange.sendResponseHeaders(
                        response.status(), content.length() == 0 ? -1 : content.length());
                try (OutputStream out = exchange.getResponseBody()) {
                    sent = response;
                    content.writeTo(out, delivered);
                } finally {
                    content.close();
                }
                return;
            }
            if (content != null) {
                content.close();
            }
            headersSent = true;
            sent = response;
            if (xml != null && !head) {
                exchange.sendResponseHeaders(response.status(), xml.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(xml);
                }
            } else {
                exchange.sendResponseHeaders(response.status(), -1);
            }
        }

        void fail(S3Exception error, String resource) {
            if (headersSent) {
                // Too late for an error status: dropping the connection tells the client the
                // answer is incomplete.
                incomplete = true;
                LOG.warn(
                        "Answer {} to {} failed after its headers were sent: {}",
                        requestId,
                        resource,
                        error.getMessage());
                return;
            }
            sent = null;
            S3ErrorCode code = error.code();
            byte[] body = S3Xml.error(code.code(), error.getMessage(), resource, requestId);
            Headers headers = commonHeaders();
            headers.set("Content-Type", S3Response.XML);
            if (code == S3ErrorCode.SERVICE_UNAVAILABLE) {
                headers.set("Retry-After", "1");
            }
            try {
                headersSent = true;
                exchange.sendResponseHeaders(code.status(), head ? -1 : body.length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            } catch (IOException e) {
                LOG.debug("Could not send error {} of {}", code.code(), requestId, e);
            }
        }

        void report(ActivityListener listener) {
            if (sent == null) {
                return;
            }
            for (S3Response.Activity activity : sent.activities()) {
                long bytes = activity.bytes() < 0 ? delivered.value() : activity.bytes();
                try {
                    listener.served(
                            activity.operation(),
                            activity.bucket(),
                            activity.cid(),
                            bytes,
                            requestId);
                } catch (RuntimeException e) {
                    LOG.error("The activity listener failed on request {}", requestId, e);
                }
            }
        }

        private Headers commonHeaders() {
            Headers headers = exchange.getResponseHeaders();
            headers.clear();
            headers.set("x-amz-request-id", requestId);
            headers.set("Server", "CereStorage");
            return headers;
        }
    }
}
