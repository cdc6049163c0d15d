package io.jmongos.wire.client;

import io.jmongos.wire.OpMsgRequest;
import io.jmongos.wire.WireReply;
import io.jmongos.wire.WireRequest;
import java.util.concurrent.CompletableFuture;

/**
 * One request written through {@link WireClientHandler}: the request, the future its reply completes, and the
 * reply deadline in nanoseconds from the write. A moreToCome OP_MSG expects no reply: its future completes with
 * {@code null} once written.
 */
record ClientExchange(WireRequest request, CompletableFuture<WireReply> reply, long timeoutNanos) {
    boolean expectsReply() {
        return !(request instanceof OpMsgRequest msg && msg.moreToCome());
    }
}
