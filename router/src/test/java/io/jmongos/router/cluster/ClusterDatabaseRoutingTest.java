package io.jmongos.router.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.BsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.shard.DatabaseRoute;
import io.jmongos.router.shard.InProcessShard;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry;

/**
 * Two routers' database routing over one config catalog and two data shards (embedded engines in this process):
 * both place a database on the same primary, a race to create it ends with one entry, and the primary is the
 * shard with the least data.
 */
class ClusterDatabaseRoutingTest {
    private InProcessShard config;
    private InProcessShard shardA;
    private InProcessShard shardB;
    private final List<ShardRegistry> registries = new ArrayList<>();

    @BeforeEach
    void start() {
        config = InProcessShard.open(null);
        shardA = InProcessShard.open(null);
        shardB = InProcessShard.open(null);
        run(config, "config", "{insert: 'version', documents: [{_id: 1, clusterId: {$oid: '"
                + new ObjectId().toHexString() + "'}}]}");
        run(config, "config", "{insert: 'shards', documents: [{_id: 'shard0000', host: 'a:1', state: 1},"
                + " {_id: 'shard0001', host: 'b:1', state: 1}]}");
    }

    @AfterEach
    void stop() {
        config.close();
        shardA.close();
        shardB.close();
    }

    private static BsonDocument run(Shard s, String db, String json) {
        return s.run(db, BsonDocument.parse(json)).bodyOrThrow();
    }

    /** A router's routing: its own registry (shards by host, never closed here) over the shared catalog. */
    private ClusterDatabaseRouting router() {
        Map<String, Shard> byHost = Map.of("a:1", shardA, "b:1", shardB);
        ShardRegistry registry = ShardRegistry.connecting((name, host) -> nonClosing(name, byHost.get(host)));
        ConfigCatalog catalog = new ConfigCatalog(config);
        registry.update(catalog.shards());
        registries.add(registry);
        return new ClusterDatabaseRouting(catalog, registry);
    }

    private static Shard nonClosing(String name, Shard s) {
        return new Shard() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BsonDocument runCommand(String db, BsonDocument command) {
                return s.runCommand(db, command);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aDatabaseIsCreatedOnceOnTheShardWithLeastDataAndBothRoutersAgree() {
        run(shardA, "big", "{insert: 'c', documents: [{x: 'some data that makes shard A the larger one'}]}");
        ClusterDatabaseRouting one = router();
        ClusterDatabaseRouting two = router();

        assertThat(one.route("shop", false).exists()).isFalse();
        DatabaseRoute created = one.route("shop", true);
        DatabaseRoute seen = two.route("shop", false);

        assertThat(created.primary().name()).isEqualTo("shard0001");
        assertThat(seen.primary().name()).isEqualTo("shard0001");
        assertThat(seen.version()).isEqualTo(created.version());
        assertThat(run(config, "config", "{count: 'databases', query: {_id: 'shop'}}").getNumber("n").intValue())
                .isEqualTo(1);
    }

    @Test
    void twoRoutersCreatingOneDatabaseAtOnceGetOneEntry() throws Exception {
        List<ClusterDatabaseRouting> routers = List.of(router(), router(), router(), router());
        ExecutorService pool = Executors.newFixedThreadPool(routers.size());
        try {
            List<Callable<DatabaseRoute>> tasks = new ArrayList<>();
            routers.forEach(r -> tasks.add(() -> r.route("race", true)));
            List<String> primaries = new ArrayList<>();
            List<BsonDocument> versions = new ArrayList<>();
            for (Future<DatabaseRoute> f : pool.invokeAll(tasks)) {
                primaries.add(f.get().primary().name());
                versions.add(f.get().version());
            }
            assertThat(primaries).containsOnly(primaries.get(0));
            assertThat(versions).containsOnly(versions.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(run(config, "config", "{count: 'databases', query: {_id: 'race'}}").getNumber("n").intValue())
                .isEqualTo(1);
    }

    @Test
    void adminAndConfigLiveOnTheConfigServer() {
        ClusterDatabaseRouting r = router();
        assertThat(r.route("admin", true).primary()).isSameAs(config);
        assertThat(r.route("config", false).primary()).isSameAs(config);
        assertThat(new ConfigCatalog(config).clusterId()).isNotNull();
    }
}
