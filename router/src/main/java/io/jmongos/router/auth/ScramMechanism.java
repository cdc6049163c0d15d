package io.jmongos.router.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two SCRAM mechanisms MongoDB speaks (RFC 5802 / RFC 7677), with MongoDB's defaults and its password
 * preparation: SCRAM-SHA-1 hashes {@code hex(MD5(user + ":mongo:" + password))}, SCRAM-SHA-256 the SASLprep'd
 * password.
 */
public enum ScramMechanism {
    /** MongoDB's default iteration count for SCRAM-SHA-1 (scramIterationCount): 10000; salt of 20 - 4 bytes. */
    SHA_1("SCRAM-SHA-1", "HmacSHA1", "SHA-1", 10_000, 16),
    /** MongoDB's default for SCRAM-SHA-256 (scramSHA256IterationCount): 15000; salt of 32 - 4 bytes. */
    SHA_256("SCRAM-SHA-256", "HmacSHA256", "SHA-256", 15_000, 28);

    /** MongoDB's minimum iteration count for either mechanism. */
    public static final int MIN_ITERATIONS = 4096;

    private final String mechanismName;
    private final String hmac;
    private final String digest;
    private final int defaultIterations;
    private final int saltLength;

    ScramMechanism(String mechanismName, String hmac, String digest, int defaultIterations, int saltLength) {
        this.mechanismName = mechanismName;
        this.hmac = hmac;
        this.digest = digest;
        this.defaultIterations = defaultIterations;
        this.saltLength = saltLength;
    }

    /** The SASL name, e.g. {@code SCRAM-SHA-256} (also the key under {@code credentials}). */
    public String mechanismName() {
        return mechanismName;
    }

    public int defaultIterations() {
        return defaultIterations;
    }

    int saltLength() {
        return saltLength;
    }

    /** The mechanism of a SASL name, or null. */
    public static ScramMechanism of(String name) {
        for (ScramMechanism m : values()) {
            if (m.mechanismName.equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** The password as this mechanism hashes it. */
    String preparePassword(String user, String password) {
        if (this == SHA_1) {
            try {
                byte[] md5 = MessageDigest.getInstance("MD5")
                        .digest((user + ":mongo:" + password).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(md5);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return SaslPrep.prepare(password);
    }

    byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5802 Hi(): PBKDF2 with this mechanism's HMAC. */
    byte[] hi(byte[] password, byte[] salt, int iterations) {
        byte[] first = new byte[salt.length + 4];
        System.arraycopy(salt, 0, first, 0, salt.length);
        first[first.length - 1] = 1;
        byte[] u = hmac(password, first);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = hmac(password, u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }
}
