package io.jmongos.router.shard.remote;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import io.jmongos.wire.OpMsgReply;
import io.jmongos.wire.OpMsgRequest;
import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.WireFrameDecoder;
import io.jmongos.wire.WireMessageDecoder;
import io.jmongos.wire.WireMessageEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * A wire-protocol server on a loopback port for the remote shard's tests, built on {@code wire}'s server codecs,
 * whose answers the test chooses by command name: {@code hello}/{@code isMaster} answer as a shard server does,
 * {@code stall} never gets a reply, {@code sleep: <ms>} is answered after that many milliseconds, anything else
 * with {@code {ok: 1, n: <connection number>}}. With {@link #silentHandshake} nothing is answered at all (a host
 * that accepts TCP but never speaks). It counts the connections it accepted and those still open, and can be stopped
 * and started again on the same port (a shard that goes away and comes back).
 *
 * <p>Why not the real shard server: {@code JmongosServer} lives in the server module, which depends on this one, and
 * it offers no way to hold a reply back or to count the connections a pool opened; the real path (router → shard
 * server over {@code RemoteShard}) is covered end to end by {@code it.cluster.ClusterRoutersTest}.
 */
final class ScriptedShardServer implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger stalled = new AtomicInteger();
    private volatile boolean silentHandshake;
    private Channel listener;
    private int port;

    /** Starts on a free loopback port. */
    static ScriptedShardServer start() {
        ScriptedShardServer s = new ScriptedShardServer();
        s.bind(0);
        return s;
    }

    int port() {
        return port;
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    /** Connections accepted since the server was created (restarts included). */
    int accepted() {
        return accepted.get();
    }

    /** Connections open now. */
    int openConnections() {
        return open.size();
    }

    /** Requests received that were never answered ({@code stall}, or anything while silent). */
    int stalled() {
        return stalled.get();
    }

    /** From now on answer nothing, not even the handshake. */
    void silentHandshake(boolean silent) {
        this.silentHandshake = silent;
    }

    /** Closes the listener and every connection: the shard is down. */
    void stop() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
        open.close().syncUninterruptibly();
    }

    /** Listens again on the same port: the shard is back. */
    void restart() {
        bind(port);
    }

    private void bind(int wanted) {
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.incrementAndGet();
                        open.add(ch);
                        ch.pipeline().addLast(new WireFrameDecoder(), new WireMessageDecoder(),
                                new WireMessageEncoder(), new Answers(accepted.get()));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted)).syncUninterruptibly().channel();
        port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        stop();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Answers extends SimpleChannelInboundHandler<Object> {
        private final int connectionNumber;

        Answers(int connectionNumber) {
            this.connectionNumber = connectionNumber;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof OpMsgRequest request)) {
                ctx.close();
                return;
            }
            BsonDocument command = request.commandDocument();
            String name = command.getFirstKey();
            if (silentHandshake || name.equals("stall")) {
                stalled.incrementAndGet();
                return;
            }
            BsonDocument reply;
            if (name.equals("hello") || name.equalsIgnoreCase("isMaster")) {
                reply = new BsonDocument("isWritablePrimary", BsonBoolean.TRUE)
                        .append("maxBsonObjectSize", new BsonInt32(16 * 1024 * 1024))
                        .append("maxMessageSizeBytes", new BsonInt32(48_000_000))
                        .append("maxWriteBatchSize", new BsonInt32(100_000))
                        .append("minWireVersion", new BsonInt32(0)).append("maxWireVersion", new BsonInt32(21))
                        .append("ok", new BsonInt32(1));
            } else {
                reply = new BsonDocument("ok", new BsonInt32(1)).append("n", new BsonInt32(connectionNumber))
                        .append("command", new BsonString(name));
            }
            OpMsgReply out = new OpMsgReply(request.requestId(), 0, reply, WireCompressor.NOOP);
            if (name.equals("sleep")) {
                ctx.executor().schedule(() -> ctx.writeAndFlush(out), command.getNumber("sleep").longValue(),
                        TimeUnit.MILLISECONDS);
            } else {
                ctx.writeAndFlush(out);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
