package io.jmongos.router.session;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;
import org.bson.BsonString;

import io.jmongos.router.RouterBootstrap;
import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandDispatcher;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.param.ServerParameters;

/** A router with the core commands, sessions, cursors and transactions over a {@link FakeShard}, driven by commands. */
public final class SessionTestRouter implements AutoCloseable {
    private static final AtomicLong NEXT_CONNECTION = new AtomicLong(5000);

    public final FakeShard shard = new FakeShard();
    public final RouterServices services;
    public final LoadBalancerCleanup cleanup;
    private final CommandDispatcher dispatcher;

    public SessionTestRouter() {
        ServerParameters params = new ServerParameters();
        List<RouterModule> modules = List.of();
        RouterBootstrap.registerParameters(params, modules);
        services = new RouterServices(shard, params);
        RouterBootstrap.install(services, modules);
        cleanup = services.loadBalancerCleanup();
        dispatcher = new CommandDispatcher(services);
    }

    /** A connection that completed its handshake (load-balanced when on the LB port). */
    public ClientConnectionState connect(boolean loadBalancerPort) {
        ClientConnectionState c = new ClientConnectionState(NEXT_CONNECTION.getAndIncrement(),
                new InetSocketAddress("10.9.8.7", 50000), new InetSocketAddress("127.0.0.1", 27017),
                loadBalancerPort);
        if (loadBalancerPort) {
            c.setProxiedClient(new InetSocketAddress("203.0.113.5", 5555));
        }
        c.completeHandshake(loadBalancerPort, null);
        services.connections().opened(c);
        services.connectionListeners().forEach(l -> l.connectionOpened(c));
        return c;
    }

    public void disconnect(ClientConnectionState c) {
        services.connections().closed(c);
        services.connectionListeners().forEach(l -> l.connectionClosed(c));
    }

    /** Run a command on database {@code db}. */
    public BsonDocument run(ClientConnectionState c, String db, BsonDocument command) {
        BsonDocument body = command.clone().append("$db", new BsonString(db));
        return dispatcher.dispatch(c, body).reply();
    }

    @Override
    public void close() {
        services.close();
    }
}
