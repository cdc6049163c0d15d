package io.jmongos.wire;

import java.util.concurrent.atomic.AtomicInteger;

/** The process-wide source of requestID values for messages jmongos originates (replies and client requests). */
public final class RequestIds {
    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private RequestIds() {
    }

    /** The next request id; ids wrap around after 2^32 messages, as in MongoDB's drivers. */
    public static int next() {
        return NEXT.getAndIncrement();
    }
}
