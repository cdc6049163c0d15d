package io.jmongos.router.frontend.proxy;

import java.util.function.IntSupplier;

import org.bson.BsonInt32;

import io.jmongos.router.param.ServerParameter;
import io.jmongos.router.param.ServerParameters;

/**
 * The PROXY protocol gate's server parameters. Values are read when a channel starts, so a runtime
 * {@code setParameter} applies to connections accepted after it.
 */
public final class ProxyProtocolParameters {
    /** Name of the header timeout parameter (mongos 8.2 has the same name and default). */
    public static final String TIMEOUT_SECS = "proxyProtocolTimeoutSecs";
    /** Name of the v2 header size cap parameter (jmongos' own). */
    public static final String MAX_HEADER_BYTES = "proxyProtocolMaxHeaderBytes";

    /** mongos 8.2's default for proxyProtocolTimeoutSecs: 10 seconds. */
    public static final int DEFAULT_TIMEOUT_SECS = 10;
    /** At least one second: a zero timeout would close every connection. */
    public static final int MIN_TIMEOUT_SECS = 1;
    /** One hour: longer waits only keep half-open sockets around. */
    public static final int MAX_TIMEOUT_SECS = 3600;

    /**
     * Default cap on a v2 header (16 fixed bytes + addresses + TLVs). HAProxy's own receiving side caps
     * the header at its buffer size; 4096 leaves room for authority, SSL and cloud TLVs many times over.
     */
    public static final int DEFAULT_MAX_HEADER_BYTES = 4096;
    /** The cap cannot be below 16 fixed bytes + 216 address bytes of a UNIX header (spec 2.2). */
    public static final int MIN_MAX_HEADER_BYTES = 16 + 216;
    /** v2's length field is 16 bits: 16 fixed bytes + 65535 is the largest header that can exist. */
    public static final int MAX_MAX_HEADER_BYTES = 16 + 65535;

    private final IntSupplier timeoutSecs;
    private final IntSupplier maxHeaderBytes;

    private ProxyProtocolParameters(IntSupplier timeoutSecs, IntSupplier maxHeaderBytes) {
        this.timeoutSecs = timeoutSecs;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** Register both parameters (startup and runtime settable) and return a live view of them. */
    public static ProxyProtocolParameters register(ServerParameters parameters) {
        parameters.register(new ServerParameter(TIMEOUT_SECS, new BsonInt32(DEFAULT_TIMEOUT_SECS), true, true,
                ServerParameters.intRange(MIN_TIMEOUT_SECS, MAX_TIMEOUT_SECS)));
        parameters.register(new ServerParameter(MAX_HEADER_BYTES, new BsonInt32(DEFAULT_MAX_HEADER_BYTES), true,
                true, ServerParameters.intRange(MIN_MAX_HEADER_BYTES, MAX_MAX_HEADER_BYTES)));
        return live(parameters);
    }

    /** A live view of already registered parameters. */
    public static ProxyProtocolParameters live(ServerParameters parameters) {
        return new ProxyProtocolParameters(() -> parameters.getInt(TIMEOUT_SECS),
                () -> parameters.getInt(MAX_HEADER_BYTES));
    }

    /** Fixed values (tests, tools). */
    public static ProxyProtocolParameters fixed(int timeoutSecs, int maxHeaderBytes) {
        return new ProxyProtocolParameters(() -> timeoutSecs, () -> maxHeaderBytes);
    }

    /** The defaults, without a parameter registry. */
    public static ProxyProtocolParameters defaults() {
        return fixed(DEFAULT_TIMEOUT_SECS, DEFAULT_MAX_HEADER_BYTES);
    }

    public int timeoutSecs() {
        return clamp(timeoutSecs.getAsInt(), MIN_TIMEOUT_SECS, MAX_TIMEOUT_SECS);
    }

    public int maxHeaderBytes() {
        return clamp(maxHeaderBytes.getAsInt(), MIN_MAX_HEADER_BYTES, MAX_MAX_HEADER_BYTES);
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}
