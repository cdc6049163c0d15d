package io.jmongos.router.frontend.http;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.jmongos.router.RouterServices;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The pipeline of an HTTP endpoint connection:
 * {@code HttpServerCodec -> HttpObjectAggregator -> HttpRequestHandler}. A connection still open
 * {@link #READ_TIMEOUT_SECONDS} after it was accepted is cut off (a slow request); lines, headers and bodies
 * are capped.
 */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** A whole request within 10 s (jmongos' own choice: a probe or scrape sends a few hundred bytes at once). */
    static final int READ_TIMEOUT_SECONDS = 10;
    /** Request line: 4 KiB, Netty's default (an endpoint's URI is short). */
    static final int MAX_INITIAL_LINE = 4096;
    /** All headers together: 8 KiB, Netty's default. */
    static final int MAX_HEADER_SIZE = 8192;
    /** Request body: 1 KiB (no endpoint takes a body; jmongos' own cap; larger gets 413). */
    static final int MAX_CONTENT = 1024;

    private final HttpRequestHandler handler;

    public HttpChannelInitializer(RouterServices services, Executor worker) {
        this.handler = new HttpRequestHandler(new HttpRoutes(services), worker);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.eventLoop().schedule(() -> {
            ch.close();
        }, READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ch.pipeline()
                .addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CONTENT))
                .addLast("aggregate", new CappedHttpAggregator(MAX_CONTENT))
                .addLast("endpoint", handler);
    }
}
