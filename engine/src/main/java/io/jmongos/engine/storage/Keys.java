package io.jmongos.engine.storage;

import java.util.Arrays;

/** Byte-key helpers: prefixes, concatenation and the smallest key above every key with a given prefix. */
public final class Keys {
    private Keys() {
    }

    /** 8-byte big-endian id (collection or index prefix). */
    public static byte[] prefix(long id) {
        return new ByteSink(8).putLong(id).toByteArray();
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix} (drop trailing 0xFF bytes, then
     * increment the last byte); null when there is none (prefix all 0xFF), meaning "unbounded".
     */
    public static byte[] successor(byte[] prefix) {
        int i = prefix.length - 1;
        while (i >= 0 && prefix[i] == (byte) 0xFF) {
            i--;
        }
        if (i < 0) {
            return null;
        }
        byte[] out = Arrays.copyOf(prefix, i + 1);
        out[i]++;
        return out;
    }

    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** The bytes of {@code key} after the first {@code n}. */
    public static byte[] suffix(byte[] key, int n) {
        return Arrays.copyOfRange(key, n, key.length);
    }
}
