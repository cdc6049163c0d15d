package io.jmongos.router.auth;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SCRAM salted passwords (RFC 5802 {@code Hi()}) already computed, by mechanism, password, salt and iteration
 * count, as MongoDB's client keeps its scramsha256ClientCache: each server sends the same salt on every
 * conversation, so only the first connection to it pays for the PBKDF2 rounds.
 */
final class SaltedPasswords {
    /** Entries kept before the cache starts over (one per server salt and key; a cluster has a few dozen). */
    static final int MAX_ENTRIES = 256;

    private record Key(ScramMechanism mechanism, String password, String salt, int iterations) {
    }

    private final Map<Key, byte[]> cache = new ConcurrentHashMap<>();

    byte[] get(ScramMechanism mechanism, String preparedPassword, byte[] salt, int iterations) {
        Key key = new Key(mechanism, preparedPassword, Base64.getEncoder().encodeToString(salt), iterations);
        byte[] found = cache.get(key);
        if (found != null) {
            return found;
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        byte[] salted = mechanism.hi(preparedPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8), salt,
                iterations);
        cache.put(key, salted);
        return salted;
    }
}
