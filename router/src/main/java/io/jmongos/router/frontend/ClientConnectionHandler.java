package io.jmongos.router.frontend;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.MDC;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandOutcome;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.conn.ConnectionLifecycleListener;
import io.jmongos.router.frontend.proxy.CloudEndpointIds;
import io.jmongos.router.frontend.proxy.ProxiedConnection;
import io.jmongos.router.frontend.proxy.ProxyHeaderAccepted;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.wire.WireReply;
import io.jmongos.wire.WireRequest;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;

/**
 * Last handler of a client channel. Opens the connection (main port: when the channel is active; LB
 * port: when the PROXY gate fired {@link ProxyHeaderAccepted}), runs one request at a time so replies leave
 * in request order (on the event loop when the command never waits, else on the {@link CommandWorkers}),
 * writes replies on the event loop, and closes the connection on malformed input with one log line. Not
 * sharable: one per channel.
 */
final class ClientConnectionHandler extends ChannelInboundHandlerAdapter {
    /** Decoded requests held while one runs; beyond this the channel stops reading until it drains. */
    static final int MAX_PENDING_REQUESTS = 16;

    private final ClientConnectionState state;
    private final RouterServices services;
    private final RequestRunner runner;
    private final CommandWorkers workers;
    private final Deque<WireRequest> pending = new ArrayDeque<>();
    private boolean busy;
    private boolean draining;
    private boolean opened;
    private boolean quiet;
    private boolean closing;

    ClientConnectionHandler(ClientConnectionState state, RouterServices services, RequestRunner runner,
                            CommandWorkers workers) {
        this.state = state;
        this.services = services;
        this.runner = runner;
        this.workers = workers;
    }

    /** A drain closes idle connections through {@link ClientConnectionState#closeIfIdle}: checked on the loop. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        state.setIdleCloser(mayClose -> ctx.executor().execute(() -> {
            if (!busy && !closing && pending.isEmpty() && mayClose.getAsBoolean()) {
                closeNow(ctx);
            }
        }));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!state.arrivedOnLoadBalancerPort()) {
            open();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ProxyHeaderAccepted accepted) {
            ProxiedConnection p = accepted.connection();
            if (p.clientAddress() != null) {
                state.setProxiedClient(p.clientAddress());
            }
            state.setProxyEndpointId(CloudEndpointIds.of(p));
            quiet = p.command() == ProxiedConnection.Command.LOCAL;
            open();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void open() {
        if (opened) {
            return;
        }
        opened = true;
        services.connections().opened(state);
        ConnectionLog.accepted(state, services.connections().current(), quiet);
        for (ConnectionLifecycleListener l : services.connectionListeners()) {
            l.connectionOpened(state);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WireRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing) {
            return;
        }
        open();
        pending.addLast(request);
        if (pending.size() >= MAX_PENDING_REQUESTS) {
            ctx.channel().config().setAutoRead(false);
        }
        drain(ctx);
    }

    /**
     * Take the next request when none is running: a command that never waits runs here on the event loop
     * ({@link RequestRunner#runsInline}), any other on a worker. A loop, not recursion, so a burst of pipelined
     * inline requests does not deepen the stack; {@link #finish} calls back in and returns at once.
     */
    private void drain(ChannelHandlerContext ctx) {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!busy && !closing && !pending.isEmpty()) {
                WireRequest request = pending.pollFirst();
                if (pending.size() < MAX_PENDING_REQUESTS && !ctx.channel().config().isAutoRead()) {
                    ctx.channel().config().setAutoRead(true);
                }
                busy = true;
                if (runsInline(ctx, request)) {
                    process(ctx, request).run();
                    continue;
                }
                try {
                    workers.execute(() -> handBack(ctx, process(ctx, request)));
                } catch (RejectedExecutionException e) {
                    WireErrorLog.poolFull(state);
                    closeNow(ctx);
                }
            }
        } finally {
            draining = false;
        }
    }

    private boolean runsInline(ChannelHandlerContext ctx, WireRequest request) {
        try {
            return runner.runsInline(request);
        } catch (RuntimeException e) {
            return false; // a request the check cannot read fails on the worker, with its usual error
        }
    }

    /**
     * Run the command (on a worker, or inline on the event loop) and return what the event loop does next: write
     * the outcome, or close the connection.
     */
    private Runnable process(ChannelHandlerContext ctx, WireRequest request) {
        MDC.put(StructuredLog.KEY_CTX, state.logContext());
        try {
            CommandOutcome outcome = runner.run(state, request);
            return () -> complete(ctx, request, outcome);
        } catch (DecoderException e) {
            return () -> {
                WireErrorLog.malformed(state, e.getMessage());
                closeNow(ctx);
            };
        } catch (RuntimeException e) {
            return () -> {
                WireErrorLog.unexpected(state, e);
                closeNow(ctx);
            };
        } finally {
            MDC.remove(StructuredLog.KEY_CTX);
        }
    }

    /** Worker thread: hand what comes next back to the event loop. */
    private void handBack(ChannelHandlerContext ctx, Runnable next) {
        try {
            ctx.executor().execute(next);
        } catch (RejectedExecutionException e) {
            ctx.channel().close();
        }
    }

    /** Event loop: write the reply (now or after the requested delay), then take the next request. */
    private void complete(ChannelHandlerContext ctx, WireRequest request, CommandOutcome outcome) {
        if (closing || !ctx.channel().isActive()) {
            busy = false;
            return;
        }
        WireReply reply = RequestRunner.reply(request, outcome);
        if (reply == null) {
            finish(ctx, outcome);
        } else if (outcome.replyDelayMillis() > 0) {
            ctx.executor().schedule(() -> write(ctx, reply, outcome), outcome.replyDelayMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            write(ctx, reply, outcome);
        }
    }

    private void write(ChannelHandlerContext ctx, WireReply reply, CommandOutcome outcome) {
        if (closing || !ctx.channel().isActive()) {
            busy = false;
            return;
        }
        ctx.writeAndFlush(reply).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess() && f.channel().isActive()) {
                WireErrorLog.unexpected(state, f.cause());
                f.channel().close();
            }
        });
        finish(ctx, outcome);
    }

    private void finish(ChannelHandlerContext ctx, CommandOutcome outcome) {
        busy = false;
        if (outcome.closeConnection()) {
            closing = true;
            pending.clear();
            ctx.channel().eventLoop().execute(() -> ctx.close());
            return;
        }
        drain(ctx);
    }

    private void closeNow(ChannelHandlerContext ctx) {
        closing = true;
        busy = false;
        pending.clear();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        pending.clear();
        services.connections().release();
        if (opened) {
            services.connections().closed(state);
            ConnectionLog.ended(state, services.connections().current(), quiet);
            for (ConnectionLifecycleListener l : services.connectionListeners()) {
                try {
                    l.connectionClosed(state);
                } catch (RuntimeException e) {
                    WireErrorLog.unexpected(state, e);
                }
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closing) {
            return;
        }
        if (cause instanceof DecoderException) {
            Throwable reason = cause.getCause() != null && !(cause instanceof io.jmongos.wire.WireProtocolException)
                    ? cause.getCause() : cause;
            WireErrorLog.malformed(state, String.valueOf(reason.getMessage()));
        } else if (cause instanceof IOException) {
            WireErrorLog.io(state, cause);
        } else {
            WireErrorLog.unexpected(state, cause);
        }
        closeNow(ctx);
    }
}
