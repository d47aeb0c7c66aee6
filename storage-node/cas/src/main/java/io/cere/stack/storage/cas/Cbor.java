package io.cere.stack.storage.cas;

/** The parts of CBOR (RFC 8949) that DAG-CBOR uses: major types and the initial bytes it allows. */
final class Cbor {

    static final int UNSIGNED_INTEGER = 0;
    static final int NEGATIVE_INTEGER = 1;
    static final int BYTE_STRING = 2;
    static final int TEXT_STRING = 3;
    static final int ARRAY = 4;
    static final int MAP = 5;
    static final int TAG = 6;
    static final int SIMPLE_OR_FLOAT = 7;

    /** Additional information values: the argument follows in 1, 2, 4 or 8 bytes. */
    static final int ONE_BYTE = 24;

    static final int TWO_BYTES = 25;
    static final int FOUR_BYTES = 26;
    static final int EIGHT_BYTES = 27;
    static final int INDEFINITE = 31;

    static final int FALSE = 0xf4;
    static final int TRUE = 0xf5;
    static final int NULL = 0xf6;
    static final int UNDEFINED = 0xf7;
    static final int FLOAT16 = 0xf9;
    static final int FLOAT32 = 0xfa;
    static final int FLOAT64 = 0xfb;
    static final int BREAK = 0xff;

    /** The first byte of a binary CID inside tag 42: the identity multibase prefix. */
    static final int CID_MULTIBASE_IDENTITY = 0x00;

    private static final String[] MAJOR_TYPE_NAMES = {
        "unsigned integer",
        "negative integer",
        "byte string",
        "text string",
        "array",
        "map",
        "tag",
        "simple value or float"
    };

    private Cbor() {}

    static String majorTypeName(int majorType) {
        return MAJOR_TYPE_NAMES[majorType];
    }

    /** The major type's number and name, for example {@code 3 (text string)}. */
    static String describe(int majorType) {
        return majorType + " (" + MAJOR_TYPE_NAMES[majorType] + ")";
    }
}
