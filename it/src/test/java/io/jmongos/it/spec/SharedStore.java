package io.jmongos.it.spec;

import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonString;

import io.jmongos.router.RouterBootstrap;
import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.frontend.FrontendConfig;
import io.jmongos.router.frontend.RouterServer;
import io.jmongos.router.param.CoreParameters;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.shard.Shard;

/**
 * A second jmongos router over the first one's embedded store, so both routers see the same data as two
 * mongos of one cluster do (each with its own sessions, transactions, cursors and fail points). Built
 * with the same bootstrap as JmongosServer (modules, parameters, listeners); it never closes the store.
 */
final class SharedStore implements AutoCloseable {
    private final RouterServer server;
    private final RouterServices services;
    private final List<RouterModule> modules;

    private SharedStore(RouterServer server, RouterServices services, List<RouterModule> modules) {
        this.services = services;
        this.server = server;
        this.modules = modules;
    }

    /**
     * Start a router on 127.0.0.1 (main port free, LB port {@code lbPort}) over {@code shared}, with
     * these startup parameters.
     */
    static SharedStore start(Shard shared, int lbPort, Map<String, String> setParameters) {
        ServerParameters params = new ServerParameters();
        List<RouterModule> modules = RouterBootstrap.discoverModules();
        RouterBootstrap.registerParameters(params, modules);
        for (Map.Entry<String, String> p : setParameters.entrySet()) {
            params.set(p.getKey(), new BsonString(p.getValue()), true);
        }
        params.set(CoreParameters.LOAD_BALANCER_PORT, new BsonString(String.valueOf(lbPort)), true);
        RouterServices services = new RouterServices(nonClosing(shared), params);
        RouterBootstrap.install(services, modules);
        RouterServer server = new RouterServer(new FrontendConfig(List.of("127.0.0.1"), false, 0, lbPort), services);
        server.start();
        return new SharedStore(server, services, modules);
    }

    int mainPort() {
        return server.mainPort();
    }

    int loadBalancerPort() {
        return server.loadBalancerPort();
    }

    @Override
    public void close() {
        server.close();
        modules.forEach(RouterModule::close);
        services.close();
    }

    private static Shard nonClosing(Shard shared) {
        return new Shard() {
            @Override
            public String name() {
                return shared.name();
            }

            @Override
            public BsonDocument runCommand(String db, BsonDocument command) {
                return shared.runCommand(db, command);
            }

            @Override
            public void close() {
                // owned by the first server
            }
        };
    }
}
