package io.cere.stack.storage.cas;

/**
 * Bytes that are not canonical DAG-CBOR. The message says what is wrong and at which byte offset of
 * the input; {@link #offset()} gives the offset alone.
 */
public class DagCborException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    public DagCborException(String problem, int offset) {
        super(problem + " (at byte offset " + offset + ")");
        this.offset = offset;
    }

    public DagCborException(String problem, int offset, Throwable cause) {
        super(problem + " (at byte offset " + offset + ")", cause);
        this.offset = offset;
    }

    /** Where in the input the offending item starts. */
    public int offset() {
        return offset;
    }
}
