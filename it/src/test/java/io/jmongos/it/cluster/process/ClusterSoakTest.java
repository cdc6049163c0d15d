package io.jmongos.it.cluster.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

/**
 * The long variant, off by default: {@code -Dcluster.soak=N} runs N rounds of faults while two balanced clients
 * keep inserting through HAProxy. A round moves the database's primary to the other shard, SIGKILLs that new
 * primary and restarts it on its port and dbpath, then moves the primary back. Inserts that fail while a shard is
 * down are expected (HostUnreachable); every insert that was acknowledged must be there once at the end, read
 * through each router. Not part of {@code mvn verify}: a round takes tens of seconds on two cores.
 */
@EnabledIfSystemProperty(named = ClusterSoakTest.ROUNDS_PROPERTY, matches = "[1-9][0-9]*")
class ClusterSoakTest {
    static final String ROUNDS_PROPERTY = "cluster.soak";
    @RegisterExtension
    static final ClusterProcessesExtension CLUSTER = ClusterProcessesExtension.own(
            new ClusterOptions(3, true, true, List.of()));
    static final String DB = "soak";
    /** Acknowledged inserts awaited between two faults, so that every fault happens under load. */
    static final int WRITES_BETWEEN_FAULTS = 50;
    /** Bound on each writer (the load stops by itself). */
    static final int MAX_WRITES_PER_WRITER = 1_000_000;
    static final Duration DEADLINE = Duration.ofSeconds(120);

    @Test
    void acknowledgedInsertsSurviveMovesAndShardCrashes() throws Exception {
        ClusterProcesses cluster = CLUSTER.cluster();
        cluster.balancer();
        int rounds = Integer.getInteger(ROUNDS_PROPERTY);
        try (MongoClient admin = ClusterProcesses.direct(cluster.router(2))) {
            admin.getDatabase(DB).getCollection("c").insertOne(new Document("_id", "seed"));
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        List<Writer> writers = List.of(new Writer("lb0", cluster, acknowledged, stop),
                new Writer("lb1", cluster, acknowledged, stop));
        writers.forEach(Thread::start);
        try (MongoClient admin = ClusterProcesses.direct(cluster.router(2))) {
            for (int round = 0; round < rounds; round++) {
                String from = Databases.primary(admin, DB);
                String to = ClusterProcesses.otherShard(from);
                awaitMoreWrites(writers);
                admin.getDatabase("admin").runCommand(new Document("movePrimary", DB).append("to", to));
                awaitMoreWrites(writers);
                JmongosProcess primary = cluster.shard(to);
                primary.kill();
                primary.restart();
                awaitMoreWrites(writers);
                admin.getDatabase("admin").runCommand(new Document("movePrimary", DB).append("to", from));
            }
            awaitMoreWrites(writers);
        } finally {
            stop.set(true);
            for (Writer w : writers) {
                w.join(DEADLINE.toMillis());
            }
        }
        for (JmongosProcess router : cluster.routers()) {
            try (MongoClient c = ClusterProcesses.direct(router)) {
                Set<String> found = new HashSet<>();
                for (Document d : c.getDatabase(DB).getCollection("c").find()) {
                    assertThat(found.add(d.getString("_id"))).as("once: " + d).isTrue();
                }
                assertThat(found).as("acknowledged inserts read through " + router).containsAll(acknowledged);
            }
        }
        System.out.println("soak: " + rounds + " rounds, " + acknowledged.size() + " acknowledged inserts, "
                + writers.stream().mapToInt(w -> w.failed.get()).sum() + " failed while a shard was down");
    }

    private static void awaitMoreWrites(List<Writer> writers) {
        for (Writer w : writers) {
            int from = w.done.get();
            Poll.until(w.getName() + " acknowledged " + WRITES_BETWEEN_FAULTS + " more", DEADLINE,
                    () -> w.done.get() >= from + WRITES_BETWEEN_FAULTS || !w.isAlive());
            assertThat(w.isAlive()).as(w.getName() + " still writing").isTrue();
        }
    }

    /** Inserts {@code NAME-i} through HAProxy with a load-balanced driver until stopped. */
    private static final class Writer extends Thread {
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        private final ClusterProcesses cluster;
        private final Set<String> acknowledged;
        private final AtomicBoolean stop;

        Writer(String name, ClusterProcesses cluster, Set<String> acknowledged, AtomicBoolean stop) {
            super(name);
            setDaemon(true);
            this.cluster = cluster;
            this.acknowledged = acknowledged;
            this.stop = stop;
        }

        @Override
        public void run() {
            try (MongoClient c = cluster.balanced()) {
                MongoCollection<Document> coll = c.getDatabase(DB).getCollection("c");
                for (int i = 0; i < MAX_WRITES_PER_WRITER && !stop.get(); i++) {
                    String id = getName() + "-" + i;
                    try {
                        coll.insertOne(new Document("_id", id));
                        acknowledged.add(id);
                        done.incrementAndGet();
                    } catch (MongoException e) {
                        failed.incrementAndGet();
                    }
                }
            }
        }
    }
}
