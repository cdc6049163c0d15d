package io.jmongos.router.cursor;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Router cursor ids: random-looking positive 63-bit values that are never 0 and never repeat for the life
 * of the process. Each id is a keyed bijection of a counter (an odd-multiplier/xorshift permutation of
 * [0, 2^63)), so two counters can never give the same id, while ids stay unguessable enough that one
 * client cannot walk another client's cursors by incrementing.
 */
public final class CursorIdGenerator {
    private static final long MASK63 = Long.MAX_VALUE;
    /** Odd multipliers from SplitMix64 (Steele, Lea, Flood 2014); any odd constant keeps the map bijective. */
    private static final long MUL1 = 0xBF58476D1CE4E5B9L;
    private static final long MUL2 = 0x94D049BB133111EBL;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final AtomicLong counter = new AtomicLong();

    public CursorIdGenerator() {
        this(new SecureRandom().nextLong());
    }

    CursorIdGenerator(long seed) {
        this.seed = seed;
    }

    public long next() {
        while (true) {
            long id = permute((seed + counter.getAndIncrement() * GOLDEN) & MASK63);
            if (id != 0) {
                return id;
            }
        }
    }

    /** A bijection of [0, 2^63): each step (xorshift right, multiply by an odd constant mod 2^63) is one. */
    static long permute(long x) {
        x = (x ^ (x >>> 30)) & MASK63;
        x = (x * MUL1) & MASK63;
        x ^= x >>> 27;
        x = (x * MUL2) & MASK63;
        x ^= x >>> 31;
        return x;
    }
}
