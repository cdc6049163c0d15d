package io.jmongos.router.auth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import io.jmongos.wire.client.ClientAuthenticator;

/**
 * The cluster's internal authentication keys, from {@code --keyFile} (one key, or two while a key is rotated), as
 * MongoDB uses them (security_key.cpp, internal_auth.cpp): the internal user {@code __system@local} authenticates
 * with SCRAM-SHA-256 and the key itself as the password (SASLprep'd); this process accepts a proof made with either
 * key (both credentials share one salt, so one server-first message serves both) and authenticates its own outgoing
 * connections with the first key, then the second. MongoDB 8 derives no SCRAM-SHA-1 credential for
 * {@code __system}; neither does jmongos.
 */
public final class InternalAuthKeys {
    /** MongoDB's key length bounds (security_key.cpp kMinKeyLength, kMaxKeyLength), after whitespace is removed. */
    public static final int MIN_KEY_LENGTH = 6;
    public static final int MAX_KEY_LENGTH = 1024;
    /** MongoDB's limit on keys in one key file (two: the current one and the next, during a rotation). */
    public static final int MAX_KEYS = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> keys;
    private final List<ScramCredential> credentials;
    private final ScramClientAuthenticator authenticator;

    private InternalAuthKeys(List<String> keys, List<ScramCredential> credentials) {
        this.keys = keys;
        this.credentials = credentials;
        this.authenticator = ScramClientAuthenticator.internal(keys);
    }

    /**
     * Keys already read and checked by the key file reader; derives this process's {@code __system} credentials
     * (SCRAM-SHA-256, {@link ScramMechanism#defaultIterations()} rounds, one fresh salt).
     *
     * @throws IllegalArgumentException for no key, more than {@link #MAX_KEYS}, or a key outside the length bounds
     */
    public static InternalAuthKeys of(List<String> keys) {
        if (keys.isEmpty() || keys.size() > MAX_KEYS) {
            throw new IllegalArgumentException("a key file holds one or two keys, not " + keys.size());
        }
        ScramMechanism m = ScramMechanism.SHA_256;
        byte[] salt = new byte[m.saltLength()];
        RANDOM.nextBytes(salt);
        List<ScramCredential> creds = new ArrayList<>();
        for (String key : keys) {
            if (key.length() < MIN_KEY_LENGTH || key.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("a key has " + key.length() + " characters, not "
                        + MIN_KEY_LENGTH + " to " + MAX_KEY_LENGTH);
            }
            creds.add(ScramCredential.derive(m, InternalUser.USER, key, m.defaultIterations(), salt));
        }
        return new InternalAuthKeys(List.copyOf(keys), List.copyOf(creds));
    }

    /** How many keys the file held. */
    public int size() {
        return keys.size();
    }

    /** The credentials a client proof is checked against (SCRAM-SHA-256 only). */
    List<ScramCredential> credentials(ScramMechanism m) {
        return m == ScramMechanism.SHA_256 ? credentials : List.of();
    }

    /** Authenticates this process's outgoing connections as {@code __system} (routers to shards, shards to config). */
    public ClientAuthenticator authenticator() {
        return authenticator;
    }

    @Override
    public String toString() {
        return "InternalAuthKeys{" + keys.size() + " key(s)}";
    }
}
