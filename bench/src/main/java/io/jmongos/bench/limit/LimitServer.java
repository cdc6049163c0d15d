package io.jmongos.bench.limit;

import java.nio.ByteOrder;
import java.util.concurrent.CountDownLatch;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * The limit: the least a Java server on this machine can do per round trip. Frames messages by their length
 * and answers each with a pre-encoded reply ({@link LimitReplyHandler}). Same transport choice (epoll when
 * available) and I/O thread count (2 per core) as the jmongos frontend.
 * Run as {@code LimitServer --port N}; prints {@code LISTENING <port>} once bound; stops on SIGTERM.
 */
public final class LimitServer {
    static final int OP_REPLY = 1;
    static final int OP_QUERY = 2004;
    static final int OP_MSG = 2013;
    /** MongoDB's maxMessageSizeBytes: the frame decoder refuses longer messages. */
    static final int MAX_FRAME = 48_000_000;
    static final int IO_THREADS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    private LimitServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length == 2 && "--port".equals(args[0]) ? Integer.parseInt(args[1]) : 0;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, factory);
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(IO_THREADS, factory);
        LimitReplyHandler handler = new LimitReplyHandler(new LimitReplies());
        Channel server = new ServerBootstrap().group(boss, io).channel(channel)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, MAX_FRAME,
                                0, 4, -4, 0, true), handler);
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        int bound = ((java.net.InetSocketAddress) server.localAddress()).getPort();
        System.out.println("LISTENING " + bound + " transport=" + (epoll ? "epoll" : "nio") + " ioThreads="
                + IO_THREADS);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().syncUninterruptibly();
            boss.shutdownGracefully();
            io.shutdownGracefully();
            stop.countDown();
        }));
        stop.await();
    }
}
