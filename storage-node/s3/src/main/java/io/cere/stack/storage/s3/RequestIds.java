package io.cere.stack.storage.s3;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids as S3 writes them, 16 upper-case hex digits: a random prefix per handler and a
 * counter, so ids are unique on a node and collide across nodes only by chance.
 */
final class RequestIds {

    private final long prefix = (long) new SecureRandom().nextInt() << 32;
    private final AtomicLong counter = new AtomicLong();

    String next() {
        long id = prefix | (counter.incrementAndGet() & 0xffffffffL);
        return String.format(Locale.ROOT, "%016X", id);
    }
}
