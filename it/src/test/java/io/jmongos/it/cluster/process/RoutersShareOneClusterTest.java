package io.jmongos.it.cluster.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/**
 * Three routers in front of the same shard servers, each its own process: what any router writes every router
 * reads, fresh clients spread over the routers by HAProxy all see the same data, and a database created at the
 * same moment through several routers has one primary.
 */
class RoutersShareOneClusterTest {
    @RegisterExtension
    static final ClusterProcessesExtension CLUSTER = ClusterProcessesExtension.shared();
    /** How many fresh balanced clients count (issue 11). */
    static final int FRESH_CLIENTS = 20;
    /** Documents each router writes. */
    static final int PER_ROUTER = 10;

    @Test
    void writesThroughAnyRouterAreReadThroughEveryRouterAndTheBalancer() {
        ClusterProcesses cluster = CLUSTER.cluster();
        List<JmongosProcess> routers = cluster.routers();
        for (int r = 0; r < routers.size(); r++) {
            try (MongoClient c = ClusterProcesses.direct(routers.get(r))) {
                for (int i = 0; i < PER_ROUTER; i++) {
                    c.getDatabase("everywhere").getCollection("items")
                            .insertOne(new Document("_id", r * 100 + i).append("router", r));
                }
            }
        }
        long expected = (long) routers.size() * PER_ROUTER;
        for (JmongosProcess router : routers) {
            try (MongoClient c = ClusterProcesses.direct(router)) {
                var items = c.getDatabase("everywhere").getCollection("items");
                assertThat(items.countDocuments()).as("count through " + router).isEqualTo(expected);
                for (int r = 0; r < routers.size(); r++) {
                    assertThat(items.find(new Document("_id", r * 100 + PER_ROUTER - 1)).first())
                            .as("router %d's last write read through %s", r, router).containsEntry("router", r);
                }
            }
        }

        cluster.balancer();
        List<Long> counts = new ArrayList<>();
        Set<ObjectId> services = new HashSet<>();
        for (int i = 0; i < FRESH_CLIENTS; i++) {
            ServiceIds ids = new ServiceIds();
            try (MongoClient c = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(cluster.balancedUri())).addCommandListener(ids)
                    .build())) {
                counts.add(c.getDatabase("everywhere").getCollection("items").countDocuments());
            }
            services.addAll(ids.seen);
        }
        assertThat(counts).hasSize(FRESH_CLIENTS).containsOnly(expected);
        assertThat(services).as("HAProxy spread the fresh clients over every router (one serviceId per process)")
                .hasSize(routers.size());
    }

    @Test
    void aDatabaseCreatedAtOnceThroughEveryRouterHasOnePrimary() throws Exception {
        ClusterProcesses cluster = CLUSTER.cluster();
        List<String> databases = List.of("race_one", "race_two");
        List<JmongosProcess> routers = cluster.routers();
        CyclicBarrier start = new CyclicBarrier(routers.size() * databases.size());
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(routers.size() * databases.size());
        List<MongoClient> clients = new ArrayList<>();
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int r = 0; r < routers.size(); r++) {
                MongoClient c = ClusterProcesses.direct(routers.get(r));
                clients.add(c);
                c.getDatabase("admin").runCommand(new Document("ping", 1));
                for (String db : databases) {
                    int router = r;
                    writes.add(pool.submit(() -> {
                        try {
                            start.await(1, TimeUnit.MINUTES);
                            c.getDatabase(db).getCollection("c").insertOne(new Document("_id", router));
                        } catch (Exception | AssertionError e) {
                            failures.add(e);
                        }
                    }));
                }
            }
            for (Future<?> f : writes) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            clients.forEach(MongoClient::close);
        }
        assertThat(failures).isEmpty();

        List<Document> reference = null;
        for (JmongosProcess router : routers) {
            try (MongoClient c = ClusterProcesses.direct(router)) {
                List<Document> entries = c.getDatabase("config").getCollection("databases")
                        .find(new Document("_id", new Document("$in", databases))).sort(new Document("_id", 1))
                        .into(new ArrayList<>());
                assertThat(entries).extracting(d -> d.getString("_id")).containsExactlyElementsOf(databases);
                if (reference == null) {
                    reference = entries;
                }
                assertThat(entries).as("config.databases read through " + router).isEqualTo(reference);
                for (String db : databases) {
                    assertThat(c.getDatabase(db).getCollection("c").countDocuments()).isEqualTo(routers.size());
                }
            }
        }
        for (Document entry : reference) {
            String primary = entry.getString("primary");
            String db = entry.getString("_id");
            try (MongoClient onPrimary = ClusterProcesses.direct(cluster.shard(primary));
                 MongoClient onOther = ClusterProcesses.direct(cluster.shard(ClusterProcesses.otherShard(primary)))) {
                assertThat(onPrimary.getDatabase(db).getCollection("c").countDocuments())
                        .as("every router's write to %s is on its primary %s", db, primary).isEqualTo(routers.size());
                assertThat(onOther.getDatabase(db).listCollectionNames().into(new ArrayList<>()))
                        .as("%s has nothing on the other shard", db).isEmpty();
            }
        }
    }

    /** The serviceId of every connection a client ran a command on (one per router process). */
    private static final class ServiceIds implements CommandListener {
        final Set<ObjectId> seen = new HashSet<>();

        @Override
        public synchronized void commandStarted(CommandStartedEvent event) {
            ObjectId id = event.getConnectionDescription().getServiceId();
            if (id != null) {
                seen.add(id);
            }
        }
    }
}
