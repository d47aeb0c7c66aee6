package io.cere.stack.storage.client;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;

/** A successful answer and the node that gave it; the body is the caller's to read and close. */
record NodeAnswer(URI node, HttpResponse<InputStream> response) {

    int status() {
        return response.statusCode();
    }

    InputStream body() {
        return response.body();
    }

    /** The {@code Content-Length}, or -1 when the node sent none. */
    long contentLength() {
        return response.headers().firstValueAsLong("Content-Length").orElse(-1);
    }
}
