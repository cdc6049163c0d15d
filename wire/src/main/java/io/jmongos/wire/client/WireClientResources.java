package io.jmongos.wire.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The Netty resources client connections share: an event loop group and the socket channel class to create.
 * Create one per process role (the router's remote shards share one), close it after every connection it serves.
 */
public final class WireClientResources implements AutoCloseable {
    /** Quiet period and timeout of the group's shutdown: no quiet period, at most 2 s for the threads to end. */
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 2;
    private static volatile WireClientResources shared;

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelClass;
    private final boolean ownsGroup;

    private WireClientResources(EventLoopGroup group, Class<? extends SocketChannel> channelClass, boolean ownsGroup) {
        this.group = Objects.requireNonNull(group, "group");
        this.channelClass = Objects.requireNonNull(channelClass, "channelClass");
        this.ownsGroup = ownsGroup;
    }

    /** A new NIO group of {@code threads} daemon threads named {@code <threadPrefix>-N}, owned (closed by close). */
    public static WireClientResources nio(int threads, String threadPrefix) {
        return new WireClientResources(new MultiThreadIoEventLoopGroup(threads,
                new DefaultThreadFactory(threadPrefix, true), NioIoHandler.newFactory()), NioSocketChannel.class, true);
    }

    /** Resources over a group the caller made; {@code owned} says whether {@link #close()} shuts it down. */
    public static WireClientResources of(EventLoopGroup group, Class<? extends SocketChannel> channelClass,
                                         boolean owned) {
        return new WireClientResources(group, channelClass, owned);
    }

    /**
     * One process-wide NIO group of two daemon threads for tests and benchmark clients, created on first use and
     * never closed ({@link #close()} on it does nothing).
     */
    public static WireClientResources shared() {
        WireClientResources r = shared;
        if (r == null) {
            synchronized (WireClientResources.class) {
                r = shared;
                if (r == null) {
                    r = new WireClientResources(new MultiThreadIoEventLoopGroup(2,
                            new DefaultThreadFactory("wire-client", true), NioIoHandler.newFactory()),
                            NioSocketChannel.class, false);
                    shared = r;
                }
            }
        }
        return r;
    }

    public EventLoopGroup group() {
        return group;
    }

    public Class<? extends SocketChannel> channelClass() {
        return channelClass;
    }

    /** Whether the calling thread is one of this group's event loops (where blocking on a reply would deadlock). */
    public boolean inEventLoop() {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (ownsGroup) {
            group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
