package io.jmongos.it.cluster.process;

import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.TransportSettings;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * An official-driver client (loadBalanced=true through HAProxy) that can go away as a crashed application does:
 * its connections run on an event loop of its own, and {@link #vanish()} shuts that loop down, which closes every
 * socket at once without a word (no killCursors, no abortTransaction, no endSessions).
 */
final class VanishingClient implements AutoCloseable {
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final MongoClient client;

    VanishingClient(String uri) {
        client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .transportSettings(TransportSettings.nettyBuilder().eventLoopGroup(loop).build()).build());
    }

    MongoClient client() {
        return client;
    }

    /** Close every socket of the client now, as a process that died would; returns once they are closed. */
    void vanish() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public void close() {
        vanish();
        try {
            client.close();
        } catch (RuntimeException e) {
            // its sockets are gone already: nothing left to close cleanly
        }
    }
}
