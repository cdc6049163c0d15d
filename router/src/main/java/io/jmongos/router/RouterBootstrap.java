package io.jmongos.router;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import io.jmongos.router.command.data.DataCommands;
import io.jmongos.router.command.server.ServerCommands;
import io.jmongos.router.command.session.SessionCommands;
import io.jmongos.router.ops.OperationCommands;
import io.jmongos.router.ops.OperationTrackingInterceptor;
import io.jmongos.router.param.CoreParameters;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.session.ClusterTimeInterceptor;
import io.jmongos.router.session.SessionInterceptor;
import io.jmongos.router.session.SessionParameters;
import io.jmongos.router.session.SessionStatusSections;
import io.jmongos.router.shard.remote.RemoteShardParameters;
import io.jmongos.router.shardsvr.ShardServerModule;

/**
 * Assembles a router: the core parameters, the core commands (server, data, sessions and transactions, current
 * operations), the interceptors and the load-balancer disconnect rule, then every {@link RouterModule} on the class
 * path. Used by the server (and by tests that build a router without a network listener).
 */
public final class RouterBootstrap {
    private RouterBootstrap() {
    }

    /** The modules found with ServiceLoader, sorted by {@link RouterModule#order()}. */
    public static List<RouterModule> discoverModules() {
        List<RouterModule> modules = new ArrayList<>();
        ServiceLoader.load(RouterModule.class).forEach(modules::add);
        modules.sort(Comparator.comparingInt(RouterModule::order));
        return modules;
    }

    /**
     * The modules of a process of {@code role}: those found with ServiceLoader that serve it, and on a shard or
     * config server the {@link ShardServerModule}, which installs that role's commands in place of the router's.
     */
    public static List<RouterModule> modulesFor(ClusterRole role) {
        List<RouterModule> modules = new ArrayList<>();
        for (RouterModule m : discoverModules()) {
            if (m.serves(role)) {
                modules.add(m);
            }
        }
        if (role.servesData()) {
            modules.add(new ShardServerModule(role));
        }
        modules.sort(Comparator.comparingInt(RouterModule::order));
        return modules;
    }

    /**
     * Step 2 for a process of {@code role}: a router gets the core router commands then its modules
     * ({@link #install(RouterServices, List)}); a shard or config server only its modules (its own commands come
     * from {@link ShardServerModule}).
     */
    public static void install(RouterServices services, List<RouterModule> modules, ClusterRole role) {
        if (role.servesData()) {
            modules.forEach(m -> m.install(services));
        } else {
            install(services, modules);
        }
    }

    /** Step 1: register the core parameters and every module's parameters. */
    public static void registerParameters(ServerParameters parameters, List<RouterModule> modules) {
        CoreParameters.register(parameters);
        SessionParameters.register(parameters);
        RemoteShardParameters.register(parameters);
        modules.forEach(m -> m.registerParameters(parameters));
    }

    /**
     * Step 2 (after startup parameter values are applied): install the core commands and state, then the modules.
     * Interceptors run outermost first: cluster time, sessions and transactions, operation tracking (a module may
     * put its own in front, as the test fail points do).
     */
    public static void install(RouterServices services, List<RouterModule> modules) {
        ServerCommands.install(services);
        DataCommands.handlers().forEach(services.commands()::register);
        if (!services.shards().followsConfigServer()) {
            DataCommands.singleShardHandlers().forEach(services.commands()::register);
        }
        SessionCommands.handlers().forEach(services.commands()::register);
        OperationCommands.install(services);
        services.interceptors().add(new ClusterTimeInterceptor(services.clock()));
        services.interceptors().add(new SessionInterceptor(services));
        services.interceptors().add(new OperationTrackingInterceptor(services.operations()));
        services.connectionListeners().add(services.loadBalancerCleanup().listener());
        services.health().addConnectionWork(services.loadBalancerCleanup()::holdsDrainWork);
        SessionStatusSections.register(services.serverStatus(), services);
        services.sessions().startReapers();
        modules.forEach(m -> m.install(services));
    }
}
