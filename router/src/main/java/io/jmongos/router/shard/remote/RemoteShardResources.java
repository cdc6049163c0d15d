package io.jmongos.router.shard.remote;

import io.jmongos.wire.client.WireClientResources;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The Netty resources the router's remote shards share: native epoll when available, NIO otherwise. */
public final class RemoteShardResources {
    /**
     * Event loop threads for shard connections: one per core (they decode replies; commands wait on the router's
     * worker threads, not here), at least two.
     */
    public static final int DEFAULT_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private RemoteShardResources() {
    }

    /** New resources with {@link #DEFAULT_THREADS} daemon threads named {@code jmongos-shard-N}; close them last. */
    public static WireClientResources create() {
        return create(DEFAULT_THREADS);
    }

    public static WireClientResources create(int threads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                new DefaultThreadFactory("jmongos-shard", true), factory);
        return WireClientResources.of(group, epoll ? EpollSocketChannel.class : NioSocketChannel.class, true);
    }
}
