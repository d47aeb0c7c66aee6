package io.cere.stack.storage.node.http;

import java.io.IOException;

/** A resource was asked for with a method it does not support: answered 405. */
final class MethodNotAllowedException extends IOException {

    private static final long serialVersionUID = 1L;

    MethodNotAllowedException(String message) {
        super(message);
    }
}
