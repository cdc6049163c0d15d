package io.jmongos.engine.cursor;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cursor ids: random-looking, non-zero and never reused in the life of the engine. A counter starting at a
 * random point is passed through a bijective 64-bit mixer (the SplitMix64 finalizer), so distinct counter
 * values always give distinct ids.
 */
final class CursorIds {
    private final AtomicLong counter = new AtomicLong(new SecureRandom().nextLong());
    private final long start = counter.get();

    long next() {
        while (true) {
            long c = counter.incrementAndGet();
            if (c == start) {
                throw new IllegalStateException("cursor ids exhausted");
            }
            long id = mix(c);
            if (id != 0) {
                return id;
            }
        }
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
