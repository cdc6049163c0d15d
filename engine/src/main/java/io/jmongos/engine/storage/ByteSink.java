package io.jmongos.engine.storage;

import java.util.Arrays;

/** A growable byte array used to build storage keys. Not thread-safe. */
public final class ByteSink {
    /** Initial capacity: most keys (collection prefix + small _id) fit without growing. */
    private static final int INITIAL_CAPACITY = 32;

    private byte[] buf;
    private int len;

    public ByteSink() {
        this(INITIAL_CAPACITY);
    }

    public ByteSink(int capacity) {
        buf = new byte[Math.max(1, capacity)];
    }

    public ByteSink put(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    public ByteSink put(byte[] bytes) {
        return put(bytes, 0, bytes.length);
    }

    public ByteSink put(byte[] bytes, int off, int n) {
        ensure(n);
        System.arraycopy(bytes, off, buf, len, n);
        len += n;
        return this;
    }

    /** Big-endian 2-byte value. */
    public ByteSink putShort(int v) {
        return put(v >>> 8).put(v);
    }

    /** Big-endian 4-byte value. */
    public ByteSink putInt(int v) {
        return put(v >>> 24).put(v >>> 16).put(v >>> 8).put(v);
    }

    /** Big-endian 8-byte value. */
    public ByteSink putLong(long v) {
        return putInt((int) (v >>> 32)).putInt((int) v);
    }

    public int length() {
        return len;
    }

    /** Complements bytes {@code [from, length())} in place (descending index fields, negative numbers). */
    public void complementFrom(int from) {
        for (int i = from; i < len; i++) {
            buf[i] = (byte) ~buf[i];
        }
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
