package io.jmongos.it.cluster.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

/**
 * movePrimary through one router while two other routers keep inserting into the moved database: every insert a
 * router acknowledged is there afterwards, read through the router that moved it and on the new primary itself.
 */
class MovePrimaryUnderLoadTest {
    @RegisterExtension
    static final ClusterProcessesExtension CLUSTER = ClusterProcessesExtension.shared();
    static final String DB = "moving";
    /** Documents in the database before the move (so there is something to copy). */
    static final int SEEDED = 200;
    /** Acknowledged inserts per writer awaited before the move and again after it. */
    static final int WRITES_AROUND_THE_MOVE = 25;
    /** A bound on each writer, so the load ends by itself whatever happens. */
    static final int MAX_WRITES_PER_WRITER = 20_000;
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void movePrimaryUnderWritesThroughOtherRoutersLosesNoAcknowledgedWrite() throws Exception {
        ClusterProcesses cluster = CLUSTER.cluster();
        String from;
        try (MongoClient mover = ClusterProcesses.direct(cluster.router(2))) {
            List<Document> seed = new ArrayList<>();
            for (int i = 0; i < SEEDED; i++) {
                seed.add(new Document("_id", "seed-" + i));
            }
            mover.getDatabase(DB).getCollection("c").insertMany(seed);
            from = Databases.primary(mover, DB);
        }
        String to = ClusterProcesses.otherShard(from);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Writer> writers = List.of(new Writer("w0", cluster.router(0), acknowledged, failures, stop),
                new Writer("w1", cluster.router(1), acknowledged, failures, stop));
        writers.forEach(Thread::start);
        try {
            awaitEachWrote(writers, 0);
            List<Integer> before = writers.stream().map(w -> w.done.get()).toList();
            try (MongoClient mover = ClusterProcesses.direct(cluster.router(2))) {
                Document moved = mover.getDatabase("admin").runCommand(new Document("movePrimary", DB)
                        .append("to", to));
                assertThat(moved.get("ok")).isEqualTo(1.0);
            }
            for (int i = 0; i < writers.size(); i++) {
                awaitEachWrote(List.of(writers.get(i)), before.get(i));
            }
        } finally {
            stop.set(true);
            for (Writer w : writers) {
                w.join(DEADLINE.toMillis());
            }
        }
        assertThat(failures).as("writes that failed while the primary moved").isEmpty();

        try (MongoClient reader = ClusterProcesses.direct(cluster.router(2));
             MongoClient newPrimary = ClusterProcesses.direct(cluster.shard(to))) {
            assertThat(Databases.primary(reader, DB)).isEqualTo(to);
            Set<String> found = ids(reader.getDatabase(DB).getCollection("c"));
            assertThat(found).as("acknowledged inserts read through the moving router").containsAll(acknowledged);
            assertThat(found).hasSize(SEEDED + acknowledged.size());
            assertThat(ids(newPrimary.getDatabase(DB).getCollection("c"))).isEqualTo(found);
        }
    }

    private static Set<String> ids(MongoCollection<Document> c) {
        Set<String> ids = new HashSet<>();
        for (Document d : c.find()) {
            ids.add(d.getString("_id"));
        }
        return ids;
    }

    /** Wait until every writer has {@link #WRITES_AROUND_THE_MOVE} acknowledged inserts more than {@code from}. */
    private static void awaitEachWrote(List<Writer> writers, int from) {
        for (Writer w : writers) {
            Poll.until(w.getName() + " acknowledged " + WRITES_AROUND_THE_MOVE + " more inserts", DEADLINE,
                    () -> w.done.get() >= from + WRITES_AROUND_THE_MOVE || !w.isAlive(),
                    () -> w.getName() + " at " + w.done.get());
            assertThat(w.isAlive()).as(w.getName() + " still writing").isTrue();
        }
    }

    /** Inserts {@code NAME-i} through one router until stopped; records what was acknowledged and what failed. */
    private static final class Writer extends Thread {
        final AtomicInteger done = new AtomicInteger();
        private final JmongosProcess router;
        private final Set<String> acknowledged;
        private final List<Throwable> failures;
        private final AtomicBoolean stop;

        Writer(String name, JmongosProcess router, Set<String> acknowledged, List<Throwable> failures,
               AtomicBoolean stop) {
            super(name);
            setDaemon(true);
            this.router = router;
            this.acknowledged = acknowledged;
            this.failures = failures;
            this.stop = stop;
        }

        @Override
        public void run() {
            try (MongoClient c = ClusterProcesses.direct(router)) {
                MongoCollection<Document> coll = c.getDatabase(DB).getCollection("c");
                for (int i = 0; i < MAX_WRITES_PER_WRITER && !stop.get(); i++) {
                    String id = getName() + "-" + i;
                    try {
                        coll.insertOne(new Document("_id", id));
                        acknowledged.add(id);
                        done.incrementAndGet();
                    } catch (MongoException e) {
                        failures.add(e);
                    }
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
    }
}
