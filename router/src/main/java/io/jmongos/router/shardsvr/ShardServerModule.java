package io.jmongos.router.shardsvr;

import io.jmongos.engine.EmbeddedEngine;
import io.jmongos.router.ClusterRole;
import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.session.SessionParameters;
import io.jmongos.router.shard.InProcessShard;
import io.jmongos.router.shard.Shard;

/**
 * Makes a process a shard server ({@code --shardsvr}) or the config server ({@code --configsvr}): the frontend
 * (listeners, wire codecs, dispatcher) is the router's, the commands are a mongod's, answered by the embedded
 * engine. Added by {@code RouterBootstrap.modulesFor} for those roles only (not found with ServiceLoader); the
 * router's sessions/cursors/transactions module is not installed beside it, since the engine keeps sessions,
 * transactions and retryable-write records itself.
 */
public final class ShardServerModule implements RouterModule {
    /** Before the test-commands module (which puts its fail-point interceptor first itself). */
    private static final int ORDER = 10;

    private final ClusterRole role;
    private volatile ShardServerReapers reapers;

    public ShardServerModule(ClusterRole role) {
        if (!role.servesData()) {
            throw new IllegalArgumentException("not a shard role: " + role);
        }
        this.role = role;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public boolean serves(ClusterRole r) {
        return r == role;
    }

    /** mongod's cursor and transaction parameters, with their names and defaults (SessionParameters). */
    @Override
    public void registerParameters(ServerParameters parameters) {
        SessionParameters.register(parameters);
    }

    @Override
    public void install(RouterServices services) {
        EmbeddedEngine engine = engineOf(services);
        ShardServerCommands.install(services, role, engine);
        ShardServerStatus.register(services.serverStatus(), engine);
        reapers = new ShardServerReapers(engine, services.parameters());
    }

    static EmbeddedEngine engineOf(RouterServices services) {
        Shard local = localShard(services);
        if (!(local instanceof InProcessShard shard)) {
            throw new IllegalStateException("a shard server serves its embedded engine; got " + local.name());
        }
        return shard.engine();
    }

    /** The one shard of a shard or config server: its own embedded engine. */
    static Shard localShard(RouterServices services) {
        return services.shards().all().get(0);
    }

    @Override
    public void close() {
        ShardServerReapers r = reapers;
        if (r != null) {
            r.close();
        }
    }
}
