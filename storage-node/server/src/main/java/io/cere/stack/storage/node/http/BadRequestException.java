package io.cere.stack.storage.node.http;

import java.io.IOException;

/** A request that cannot be served as sent: answered 400 with the message. */
final class BadRequestException extends IOException {

    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
