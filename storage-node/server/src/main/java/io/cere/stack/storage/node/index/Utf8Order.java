package io.cere.stack.storage.node.index;

import java.util.Comparator;

/**
 * Orders strings by their UTF-8 bytes, as S3 lists keys. {@link String#compareTo} compares UTF-16
 * units instead, which puts characters above U+FFFF before U+E000..U+FFFF; UTF-8 byte order equals
 * code point order, so comparing code points is enough.
 */
final class Utf8Order implements Comparator<String> {

    static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {}

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
