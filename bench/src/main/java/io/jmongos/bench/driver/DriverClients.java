package io.jmongos.bench.driver;

import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.TransportSettings;

import io.jmongos.bench.proxy.ProxyHeaderChannel;
import io.jmongos.bench.security.BenchSecurity;
import io.jmongos.bench.target.RunningTarget;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * MongoDB sync driver clients for the targets, all on the driver's Netty transport with one shared NIO event
 * loop group, so every target is measured with the same client stack. On {@code jmongos-lb} the socket channel
 * class writes a PROXY v2 header first ({@link ProxyHeaderChannel}); everything else is identical.
 */
public final class DriverClients implements AutoCloseable {
    /** Client I/O threads: the driver threads block on replies; two NIO loops move the bytes. */
    static final int CLIENT_IO_THREADS = 2;
    /** Above 64 client threads, so a pool never makes a load thread wait. */
    static final int MAX_POOL_SIZE = 100;
    static final int CONNECT_TIMEOUT_MS = 10_000;
    /** Long enough for the unindexed scan of 1,000,000 documents on a loaded 2-core box. */
    static final int READ_TIMEOUT_MS = 120_000;
    static final int SERVER_SELECTION_TIMEOUT_MS = 15_000;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(CLIENT_IO_THREADS,
            new DefaultThreadFactory("bench-client-io", true), NioIoHandler.newFactory());

    /**
     * A client for the target's load port, in the target's mode (direct or load-balanced; TLS trusting the run's
     * certificate and the load generator's SCRAM-SHA-256 user on the secured targets).
     */
    public MongoClient create(RunningTarget target) {
        return create(target.clientPort(), target.kind().loadBalanced(), target.kind().clientWritesProxyHeader(),
                target);
    }

    /** A directly connected client on the target server's main port (admin polling, data loading). */
    public MongoClient createAdmin(RunningTarget target) {
        return create(target.mainPort(), false, false, target);
    }

    public MongoClient create(int port, boolean loadBalanced, boolean proxyHeader) {
        return create(port, loadBalanced, proxyHeader, null);
    }

    private MongoClient create(int port, boolean loadBalanced, boolean proxyHeader, RunningTarget secured) {
        String uri = "mongodb://127.0.0.1:" + port + "/?"
                + (loadBalanced ? "loadBalanced=true" : "directConnection=true");
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToConnectionPoolSettings(b -> b.maxSize(MAX_POOL_SIZE).maxWaitTime(30, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .readTimeout(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(SERVER_SELECTION_TIMEOUT_MS,
                        TimeUnit.MILLISECONDS))
                .transportSettings(TransportSettings.nettyBuilder().eventLoopGroup(group)
                        .socketChannelClass(proxyHeader ? ProxyHeaderChannel.class : NioSocketChannel.class).build());
        if (secured != null && secured.security() != null) {
            secured.security().applyTls(settings);
            if (secured.kind().authenticates()) {
                settings.credential(BenchSecurity.credential());
            }
        }
        return MongoClients.create(settings.build());
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
