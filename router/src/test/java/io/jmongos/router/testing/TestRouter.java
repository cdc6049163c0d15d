package io.jmongos.router.testing;

import java.net.InetSocketAddress;
import java.util.List;

import io.jmongos.router.RouterBootstrap;
import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.param.ServerParameters;

/** Builds router services as the server does (core commands only, no modules) over an {@link EchoShard}. */
public final class TestRouter {
    private static long nextId = 1000;

    private TestRouter() {
    }

    public static RouterServices services(EchoShard shard) {
        ServerParameters params = new ServerParameters();
        List<RouterModule> modules = List.of();
        RouterBootstrap.registerParameters(params, modules);
        RouterServices services = new RouterServices(shard, params);
        RouterBootstrap.install(services, modules);
        return services;
    }

    public static synchronized ClientConnectionState connection(boolean loadBalancerPort) {
        return new ClientConnectionState(nextId++, new InetSocketAddress("10.1.2.3", 40000),
                new InetSocketAddress("127.0.0.1", 27017), loadBalancerPort);
    }
}
