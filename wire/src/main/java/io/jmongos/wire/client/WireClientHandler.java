package io.jmongos.wire.client;

import io.jmongos.wire.OpMsgFlags;
import io.jmongos.wire.OpMsgReply;
import io.jmongos.wire.WireProtocolException;
import io.jmongos.wire.WireReply;
import io.jmongos.wire.client.WireClientException.Kind;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Matches replies to requests on one client connection. Requests are answered in the order they were sent (a
 * MongoDB server runs one request of a connection at a time and never sends exhaust replies unless asked), so the
 * outstanding requests form a queue and every reply must answer its head: a reply whose responseTo is not the
 * head's requestId, a reply with nothing outstanding, or a moreToCome (exhaust) reply, is a protocol error that
 * fails every outstanding request and closes the connection. Each request has its own timer; when it fires the
 * request fails with {@link Kind#TIMEOUT} and the connection is closed, since a late reply could no longer be matched.
 * Everything here runs on the channel's event loop.
 */
final class WireClientHandler extends ChannelDuplexHandler {
    private final ArrayDeque<Outstanding> outstanding = new ArrayDeque<>();
    private final CompletableFuture<WireClientException> closeCause = new CompletableFuture<>();
    private WireClientException failure;

    private record Outstanding(int requestId, ClientExchange exchange, ScheduledFuture<?> timer) {
    }

    /** Completes with the first failure once the connection has failed or closed (every close ends here). */
    CompletableFuture<WireClientException> closeCause() {
        return closeCause;
    }

    /** How many requests await their reply (for tests). */
    int outstandingCount() {
        return outstanding.size();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ClientExchange exchange)) {
            ctx.write(msg, promise);
            return;
        }
        if (failure != null || !ctx.channel().isActive()) {
            WireClientException closed = failure != null ? failure
                    : new WireClientException(Kind.CLOSED, "connection to " + ctx.channel().remoteAddress()
                            + " is closed");
            exchange.reply().completeExceptionally(closed);
            promise.setFailure(closed);
            return;
        }
        if (exchange.expectsReply()) {
            int requestId = exchange.request().requestId();
            ScheduledFuture<?> timer = ctx.executor().schedule(() -> timedOut(ctx, requestId, exchange),
                    exchange.timeoutNanos(), TimeUnit.NANOSECONDS);
            outstanding.addLast(new Outstanding(requestId, exchange, timer));
        }
        promise.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                fail(ctx, new WireClientException(Kind.CLOSED, "write to " + ctx.channel().remoteAddress()
                        + " failed: " + f.cause(), f.cause()));
            } else if (!exchange.expectsReply()) {
                exchange.reply().complete(null);
            }
        });
        ctx.write(exchange.request(), promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WireReply reply)) {
            ReferenceCountUtil.release(msg);
            fail(ctx, protocolError(ctx, "unexpected inbound message " + msg.getClass().getSimpleName()));
            return;
        }
        Outstanding head = outstanding.peekFirst();
        if (head == null) {
            fail(ctx, protocolError(ctx, "reply with responseTo " + reply.responseTo()
                    + " arrived while no request was outstanding"));
            return;
        }
        if (reply.responseTo() != head.requestId()) {
            fail(ctx, protocolError(ctx, "reply responseTo " + reply.responseTo() + " does not answer request "
                    + head.requestId() + ", the oldest outstanding"));
            return;
        }
        if (reply instanceof OpMsgReply op && OpMsgFlags.isSet(op.flagBits(), OpMsgFlags.MORE_TO_COME)) {
            fail(ctx, protocolError(ctx, "reply to request " + head.requestId()
                    + " sets moreToCome, but the request did not allow exhaust replies"));
            return;
        }
        outstanding.pollFirst();
        head.timer().cancel(false);
        head.exchange().reply().complete(reply);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof WireProtocolException protocol) {
            fail(ctx, protocolError(ctx, protocol.reason()));
        } else {
            fail(ctx, new WireClientException(Kind.CLOSED, "connection to " + ctx.channel().remoteAddress()
                    + " failed: " + cause, cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new WireClientException(Kind.CLOSED, "connection to " + ctx.channel().remoteAddress()
                + " closed"));
        ctx.fireChannelInactive();
    }

    private void timedOut(ChannelHandlerContext ctx, int requestId, ClientExchange exchange) {
        long millis = TimeUnit.NANOSECONDS.toMillis(exchange.timeoutNanos());
        WireClientException timeout = new WireClientException(Kind.TIMEOUT, "no reply to request " + requestId
                + " from " + ctx.channel().remoteAddress() + " within " + millis + " ms");
        exchange.reply().completeExceptionally(timeout);
        fail(ctx, new WireClientException(Kind.CLOSED, "connection to " + ctx.channel().remoteAddress()
                + " closed after request " + requestId + " timed out"));
    }

    private static WireClientException protocolError(ChannelHandlerContext ctx, String reason) {
        return new WireClientException(Kind.PROTOCOL, "protocol error from " + ctx.channel().remoteAddress() + ": "
                + reason);
    }

    /** Fails every outstanding request with {@code cause} (the first failure wins) and closes the channel. */
    private void fail(ChannelHandlerContext ctx, WireClientException cause) {
        if (failure == null) {
            failure = cause;
        }
        Outstanding o;
        while ((o = outstanding.pollFirst()) != null) {
            o.timer().cancel(false);
            o.exchange().reply().completeExceptionally(failure);
        }
        closeCause.complete(failure);
        if (ctx.channel().isOpen()) {
            ctx.close();
        }
    }
}
