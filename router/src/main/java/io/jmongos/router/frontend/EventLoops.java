package io.jmongos.router.frontend;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The event loops of the frontend: native epoll when available, NIO otherwise. */
final class EventLoops {
    /** One acceptor thread is plenty: accepting is cheap and the listeners share it. */
    static final int ACCEPTOR_THREADS = 1;
    /** I/O threads: Netty's usual choice, two per core (commands do not run here). */
    static final int IO_THREADS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    final EventLoopGroup acceptors;
    final EventLoopGroup io;
    final Class<? extends ServerChannel> serverChannel;
    final String transport;

    EventLoops() {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptors = new MultiThreadIoEventLoopGroup(ACCEPTOR_THREADS,
                new DefaultThreadFactory("jmongos-accept", true), factory);
        this.io = new MultiThreadIoEventLoopGroup(IO_THREADS, new DefaultThreadFactory("jmongos-io", true), factory);
        this.serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.transport = epoll ? "epoll" : "nio";
    }

    void shutdown() {
        acceptors.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
