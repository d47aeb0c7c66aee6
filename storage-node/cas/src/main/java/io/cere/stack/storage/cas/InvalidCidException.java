package io.cere.stack.storage.cas;

/**
 * Text or bytes that are not a CID this store accepts: a CIDv1 with a supported codec and hash
 * algorithm, in base32 when written as text. The message quotes the input and says what is wrong,
 * so a server can return it to the client as is.
 */
public class InvalidCidException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidCidException(String message) {
        super(message);
    }

    public InvalidCidException(String message, Throwable cause) {
        super(message, cause);
    }
}
