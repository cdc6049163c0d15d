package io.jmongos.router.frontend.agent;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.jmongos.router.RouterServices;
import io.jmongos.router.health.OperatorParameters;
import io.jmongos.router.health.ReadinessReport;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * HAProxy's agent-check: on connect, write one line and close. Ready: {@code up ready N%} (N from
 * {@code agentCheckWeightPercent}); draining: {@code drain} (HAProxy sends no new connections, existing ones go
 * on); not ready otherwise: {@code down} with the first reason, after a {@code #}. Whatever the agent sends
 * ({@code agent-send}) is read and dropped. The status is computed on the worker (readiness checks may block).
 */
@ChannelHandler.Sharable
public final class AgentCheckHandler extends ChannelInboundHandlerAdapter {
    private final RouterServices services;
    private final Executor worker;

    public AgentCheckHandler(RouterServices services, Executor worker) {
        this.services = services;
        this.worker = worker;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        try {
            worker.execute(() -> reply(ctx, status(services)));
        } catch (RejectedExecutionException e) {
            ctx.close(); // busy: HAProxy keeps the last state it had
        }
        ctx.fireChannelActive();
    }

    /** The agent's answer line for the router's state now. */
    public static String status(RouterServices services) {
        ReadinessReport r = services.health().evaluate();
        if (r.ready()) {
            return "up ready " + services.parameters().getInt(OperatorParameters.AGENT_CHECK_WEIGHT_PERCENT) + "%";
        }
        if (r.draining()) {
            return "drain";
        }
        String why = r.failing().entrySet().iterator().next().getKey();
        return "down #not ready: " + why.replaceAll("[^A-Za-z0-9:_.-]", "_");
    }

    private static void reply(ChannelHandlerContext ctx, String line) {
        ctx.writeAndFlush(Unpooled.copiedBuffer(line + "\n", StandardCharsets.US_ASCII))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
