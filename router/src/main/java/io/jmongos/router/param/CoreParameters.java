package io.jmongos.router.param;

import org.bson.BsonInt32;
import org.bson.BsonInt64;

import io.jmongos.common.Limits;

/** The server parameters owned by the router core. */
public final class CoreParameters {
    /** The load-balancer port (DESIGN section 4): 0 = off; startup only. */
    public static final String LOAD_BALANCER_PORT = "loadBalancerPort";
    /** Highest TCP port number. */
    public static final int MAX_PORT = 65535;
    /**
     * Bytes all client connections together may hold for messages not yet fully received (a jmongos parameter;
     * mongos has none). Past it the slowest senders are closed. Settable at startup and at runtime.
     */
    public static final String INCOMPLETE_MESSAGE_BUFFER_LIMIT_BYTES = "incompleteMessageBufferLimitBytes";
    /** Smallest accepted limit: 1 MiB (a limit below one message closes every sender of such a message). */
    public static final long MIN_INCOMPLETE_MESSAGE_BUFFER_LIMIT_BYTES = 1024 * 1024;
    /** The default is this fraction of the JVM's maximum heap; Netty's direct memory limit defaults to the same. */
    public static final int INCOMPLETE_MESSAGE_HEAP_DIVISOR = 4;

    private CoreParameters() {
    }

    public static void register(ServerParameters parameters) {
        parameters.register(new ServerParameter(LOAD_BALANCER_PORT, new BsonInt32(0), true, false,
                ServerParameters.intRange(0, MAX_PORT)));
        parameters.register(new ServerParameter(INCOMPLETE_MESSAGE_BUFFER_LIMIT_BYTES,
                new BsonInt64(defaultIncompleteMessageBufferLimit(Runtime.getRuntime().maxMemory())), true, true,
                ServerParameters.intRange(MIN_INCOMPLETE_MESSAGE_BUFFER_LIMIT_BYTES, Long.MAX_VALUE)));
    }

    /**
     * The default {@code incompleteMessageBufferLimitBytes} for a JVM whose maximum heap is {@code maxHeapBytes}: a
     * quarter of it (the received bytes sit in direct memory, bounded by the same -Xmx by default, and a message
     * decodes to several times its size on the heap), but never below one message of maxMessageSizeBytes
     * (48,000,000), so the largest legal message can always be received.
     */
    public static long defaultIncompleteMessageBufferLimit(long maxHeapBytes) {
        return Math.max(Limits.MAX_MESSAGE_SIZE_BYTES, maxHeapBytes / INCOMPLETE_MESSAGE_HEAP_DIVISOR);
    }
}
