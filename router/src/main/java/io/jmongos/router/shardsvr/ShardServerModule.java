package io.jmongos.router.shardsvr;

import org.bson.types.ObjectId;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.EmbeddedEngine;
import io.jmongos.router.ClusterRole;
import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.ops.KillOpCommand;
import io.jmongos.router.ops.OperationTrackingInterceptor;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.session.SessionParameters;
import io.jmongos.router.shard.InProcessShard;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.sharding.catalog.ShardingCatalog;

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
    private volatile ShardingState sharding;
    private volatile ObjectId clusterId;
    private volatile DatabaseVersionCheck versions;
    private volatile ConfigServerConnector connector = ShardServerModule::noConnector;
    private Shard configServer;
    private String configServerAddress;

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
        if (role == ClusterRole.CONFIGSVR) {
            clusterId = ConfigServerBootstrap.run(localShard(services));
        }
        sharding = new ShardingState(localShard(services));
        DatabaseCriticalSections sections = new DatabaseCriticalSections();
        versions = new DatabaseVersionCheck(sharding, new ConfigServerClient(this::configServer), sections);
        services.interceptors().add(versions);
        DatabaseCriticalSections migrations = new DatabaseCriticalSections();
        CollectionVersionCheck collections = new CollectionVersionCheck(sharding,
                new ShardingCatalog(this::configServer), migrations);
        services.interceptors().add(collections);
        // currentOp: this process's operations (with op ids killOp takes) and the engine's cursors and sessions
        services.interceptors().add(new OperationTrackingInterceptor(services.operations()));
        services.interceptors().add(new ShardCurrentOp(engine));
        services.commands().register(new KillOpCommand(services.operations()));
        services.commands().register(new FlushRoutingTableCacheUpdatesCommand(collections));
        services.commands().register(new MigrationCriticalSectionCommand(migrations, collections,
                engine::abortTransactionsWritingTo));
        services.commands().register(new ShardsvrAddShardCommand(role, sharding));
        services.commands().register(new MovePrimaryCriticalSectionCommand(true, sections, versions,
                engine::abortTransactionsWritingTo));
        services.commands().register(new MovePrimaryCriticalSectionCommand(false, sections, versions, db -> { }));
        services.commands().register(new FlushDatabaseCacheUpdatesCommand(versions));
        reapers = new ShardServerReapers(engine, services.parameters());
    }

    /** On the config server: the cluster id of {@code config.version}; null on a shard server. */
    public ObjectId clusterId() {
        return clusterId;
    }

    /** This shard's identity in its cluster, or null before {@code _shardsvrAddShard}. */
    public ShardIdentity identity() {
        ShardingState s = sharding;
        return s == null ? null : s.identity();
    }

    /** The cached placement of {@code db} (primary and version), or null (for tests and diagnostics). */
    public DatabasePlacement cachedDatabase(String db) {
        DatabaseVersionCheck v = versions;
        return v == null ? null : v.cached(db);
    }

    /**
     * How this shard reaches the config server named in its identity (a remote shard over the wire in a cluster; an
     * in-process shard in tests). Until set, refreshing a database version fails with 6 HostUnreachable.
     */
    public void useConfigServer(ConfigServerConnector c) {
        connector = java.util.Objects.requireNonNull(c);
        closeConfigServer();
    }

    /** The config server of the current identity, connected on first use and again when the identity changes. */
    private synchronized Shard configServer() {
        ShardIdentity id = sharding.requireIdentity();
        if (configServer == null || !id.configsvrConnectionString().equals(configServerAddress)) {
            closeConfigServer();
            configServer = connector.connect(id.configsvrConnectionString());
            configServerAddress = id.configsvrConnectionString();
        }
        return configServer;
    }

    private synchronized void closeConfigServer() {
        if (configServer != null) {
            configServer.close();
            configServer = null;
        }
    }

    private static Shard noConnector(String connectionString) {
        throw new CommandFailedException(ErrorCode.HOST_UNREACHABLE, "cannot reach the config server "
                + connectionString + ": this shard server has no config server client yet");
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
        closeConfigServer();
    }
}
