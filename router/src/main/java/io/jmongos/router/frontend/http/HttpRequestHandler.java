package io.jmongos.router.frontend.http;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * One request, one response, then the connection closes. Only GET and HEAD (405 otherwise, with
 * {@code Allow}); unknown paths 404; a request the codec could not decode 400 (an oversized one gets 413 from the
 * aggregator); readiness and metrics are answered on the worker, never the event loop. Sharable.
 */
@ChannelHandler.Sharable
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);
    static final String ALLOW = "GET, HEAD";

    private final HttpRoutes routes;
    private final Executor worker;

    HttpRequestHandler(HttpRoutes routes, Executor worker) {
        this.routes = routes;
        this.worker = worker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            send(ctx, false, HttpRoutes.Answer.text(HttpResponseStatus.BAD_REQUEST, "bad request\n"), null);
            return;
        }
        HttpMethod method = request.method();
        boolean head = HttpMethod.HEAD.equals(method);
        if (!HttpMethod.GET.equals(method) && !head) {
            send(ctx, false, HttpRoutes.Answer.text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method not allowed\n"), ALLOW);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (!HttpRoutes.known(path)) {
            send(ctx, head, HttpRoutes.Answer.text(HttpResponseStatus.NOT_FOUND, "not found\n"), null);
            return;
        }
        if (!HttpRoutes.blocking(path)) {
            send(ctx, head, routes.answer(path), null);
            return;
        }
        try {
            worker.execute(() -> send(ctx, head, answerSafely(path), null));
        } catch (RejectedExecutionException e) {
            send(ctx, head, HttpRoutes.Answer.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy\n"), null);
        }
    }

    private HttpRoutes.Answer answerSafely(String path) {
        try {
            return routes.answer(path);
        } catch (RuntimeException e) {
            LOG.warn("HTTP endpoint: {} failed: {}", path, e.toString());
            return HttpRoutes.Answer.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error\n");
        }
    }

    /** Write the answer and close (from any thread: Netty queues the write on the channel's loop). */
    private static void send(ChannelHandlerContext ctx, boolean head, HttpRoutes.Answer a, String allow) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, a.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(a.body()));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, a.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, a.body().length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (allow != null) {
            r.headers().set(HttpHeaderNames.ALLOW, allow);
        }
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP endpoint connection failed", cause);
        ctx.close();
    }
}
