package io.jmongos.it.cluster.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Issue 14's rolling restart: two {@code --configdb} routers (separate JVMs sharing a config server and two shard
 * servers) behind real HAProxy with {@code check} and {@code agent-check} (docs/OPERATIONS.md's configuration:
 * {@code retries 3}, {@code option redispatch}), under 32 load-balanced clients (one MongoClient and one thread
 * each) that read, write, run {@code withTransaction} and iterate cursors with getMore. One router is SIGTERMed
 * (it drains: its agent says {@code drain}, its listeners close, idle connections are closed, connections with a
 * cursor or a transaction are served until they finish), exits 0, is started again, and HAProxy (its check and
 * agent) sends it new clients again while the load goes on.
 * Then: no client operation failed that the driver did not retry to success, every acknowledged insert and
 * committed transaction is there exactly once, the drained router's wait ended with every cursor and transaction
 * finished (none cut by its timeout), and the shards hold no cursor or transaction left behind.
 *
 * <p>The CI run restarts one router once (about half a minute with the cluster's start). A longer soak, restarting
 * the routers in turn for N seconds, runs with {@code -Djmongos.rollingRestart.soakSeconds=N}.
 */
class RollingRestartTest {
    @RegisterExtension
    static final ClusterProcessesExtension CLUSTER = ClusterProcessesExtension.own(ClusterOptions.agentChecked(2));

    /** The system property of the soak: how many seconds to keep restarting routers in turn (0: one restart). */
    static final String SOAK_PROPERTY = "jmongos.rollingRestart.soakSeconds";
    static final int CLIENTS = 32;
    /** Documents every cursor reads, three per batch: six getMores per cursor. */
    static final int CURSOR_DOCS = 20;
    static final int CURSOR_BATCH = 3;
    /** Operations of each kind that must complete before a restart starts, and again after it (the load runs). */
    static final int OPS_BETWEEN_STEPS = 40;
    /** Bounds of the waits (a loaded 2-core machine; never reached when the product is right). */
    static final Duration LOAD_PROGRESS = Duration.ofSeconds(60);
    static final Duration BACK_IN_ROTATION = Duration.ofSeconds(60);
    static final Duration SHARDS_SETTLE = Duration.ofSeconds(30);
    static final String DB = "rolling";

    private enum Kind { WRITE, READ, TRANSACTION, CURSOR }

    private final AtomicLongArray done = new AtomicLongArray(Kind.values().length);
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong inserted = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();

    @Test
    void aRouterRestartedUnderLoadLosesNoClientOperation() throws Exception {
        ClusterProcesses cluster = CLUSTER.cluster();
        try (MongoClient admin = ClusterProcesses.direct(cluster.router(1))) {
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < CURSOR_DOCS; i++) {
                docs.add(new Document("_id", i));
            }
            admin.getDatabase(DB).getCollection("cursor").insertMany(docs);
            admin.getDatabase(DB).getCollection("writes").insertOne(new Document("_id", "seed"));
            admin.getDatabase(DB).getCollection("tx").insertOne(new Document("_id", "seed"));
            // Every collection exists before the load: 32 transactions that would each create "counters" implicitly
            // at once never complete on the embedded engine (a separate defect, not the drain's), so the
            // transactions update counters that exist.
            List<Document> counters = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                counters.add(new Document("_id", i).append("n", 0));
            }
            admin.getDatabase(DB).getCollection("counters").insertMany(counters);
        }
        List<Thread> threads = new ArrayList<>();
        List<MongoClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                MongoClient c = MongoClients.create(cluster.balancedUri());
                clients.add(c);
                int id = i;
                Thread t = new Thread(() -> load(c, id), "rolling-client-" + i);
                threads.add(t);
                t.start();
            }
            awaitProgress("the load runs before the restart");
            long soakEnd = System.nanoTime() + Duration.ofSeconds(Long.getLong(SOAK_PROPERTY, 0)).toNanos();
            int restarts = 0;
            do {
                restart(cluster, cluster.router(restarts % 2));
                restarts++;
            } while (System.nanoTime() < soakEnd);
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(60).toMillis());
            }
            clients.forEach(MongoClient::close);
        }
        System.out.println("rolling restart: operations done (write, read, transaction, cursor) " + done
                + ", inserted " + inserted + ", committed " + committed + ", failures " + failures.size());
        assertThat(failures).as("client operations that failed after the driver's retries").isEmpty();
        try (MongoClient check = ClusterProcesses.direct(cluster.router(1))) {
            assertThat(check.getDatabase(DB).getCollection("writes").countDocuments() - 1)
                    .as("every acknowledged insert once").isEqualTo(inserted.get());
            assertThat(check.getDatabase(DB).getCollection("tx").countDocuments() - 1)
                    .as("every committed transaction once").isEqualTo(committed.get());
        }
        for (int s = 0; s < 2; s++) {
            try (ShardStatus shard = new ShardStatus(cluster.shard(s))) {
                Poll.until(cluster.shard(s).name() + " holds no cursor and no transaction", SHARDS_SETTLE,
                        () -> shard.openCursors() == 0 && shard.openTransactions() == 0, shard::describe);
            }
        }
    }

    /**
     * SIGTERM {@code router} under the load; it drains and exits 0 (its wait ended because every cursor and
     * transaction it served finished); start it again and wait until clients reach it again through HAProxy
     * (the agent says ready, the check passes) and the load went on meanwhile.
     */
    private void restart(ClusterProcesses cluster, JmongosProcess router) {
        long logFrom = router.logSize();
        router.stop();
        assertThat(router.exitCode()).as(router.name() + " exit code after its drain").isZero();
        String drain = router.logSince(logFrom);
        assertThat(drain).contains("\"Shutdown: draining\"", "\"Shutdown: listeners closed, closing idle load-balanced"
                + " connections\"", "\"Shutdown: closed the remaining connections");
        String waitEnded = line(drain, "\"Shutdown: drain wait ended\"");
        System.out.println("rolling restart: " + router.name() + " " + line(drain, "\"Shutdown: draining\"") + "\n"
                + waitEnded);
        assertThat(waitEnded).as("the drain's wait on " + router.name())
                .contains("\"endedBy\":\"finished\"", "\"loadBalancedWithWork\":0");
        router.restart();
        // Drivers keep their pooled connections where they are (a load-balanced driver never rebalances), so what
        // shows the router back in rotation is where HAProxy sends new connections: a new client reaches it.
        Poll.until("HAProxy sends new clients to " + router.name() + " again", BACK_IN_ROTATION,
                () -> reachedThroughBalancer(cluster).endsWith(":" + router.port()),
                () -> "failures so far: " + failures);
        awaitProgress("the load goes on after " + router.name() + " restarted");
    }

    /** serverStatus.host (host:main port) of the router a new load-balanced client reaches through HAProxy. */
    private static String reachedThroughBalancer(ClusterProcesses cluster) {
        try (MongoClient c = cluster.balanced()) {
            return c.getDatabase("admin").runCommand(new Document("serverStatus", 1)).getString("host");
        }
    }

    private static String line(String log, String marker) {
        return log.lines().filter(l -> l.contains(marker)).findFirst().orElse("(no line with " + marker + ")");
    }

    /** Wait until every kind of operation completed {@link #OPS_BETWEEN_STEPS} more times. */
    private void awaitProgress(String what) {
        long[] from = new long[Kind.values().length];
        for (Kind k : Kind.values()) {
            from[k.ordinal()] = done.get(k.ordinal());
        }
        Poll.until(what, LOAD_PROGRESS, () -> {
            for (Kind k : Kind.values()) {
                if (done.get(k.ordinal()) - from[k.ordinal()] < OPS_BETWEEN_STEPS) {
                    return false;
                }
            }
            return true;
        }, () -> "done " + done + ", failures " + failures);
    }

    /** One client's loop: the four kinds in turn; an exception that reaches here is a failed operation. */
    private void load(MongoClient client, int id) {
        MongoCollection<Document> writes = client.getDatabase(DB).getCollection("writes");
        MongoCollection<Document> tx = client.getDatabase(DB).getCollection("tx");
        MongoCollection<Document> counters = client.getDatabase(DB).getCollection("counters");
        MongoCollection<Document> cursor = client.getDatabase(DB).getCollection("cursor");
        long seq = 0;
        String lastWritten = null;
        while (!stop.get()) {
            Kind kind = Kind.values()[(int) (seq % Kind.values().length)];
            String key = "c" + id + "-" + seq;
            try {
                switch (kind) {
                    case WRITE -> {
                        writes.insertOne(new Document("_id", key));
                        inserted.incrementAndGet();
                        lastWritten = key;
                    }
                    case READ -> {
                        if (lastWritten != null && writes.find(Filters.eq("_id", lastWritten)).first() == null) {
                            failures.add(kind + " " + key + ": acknowledged insert " + lastWritten + " not found");
                        }
                    }
                    case TRANSACTION -> {
                        try (ClientSession s = client.startSession()) {
                            s.withTransaction(() -> {
                                tx.insertOne(s, new Document("_id", key));
                                counters.updateOne(s, Filters.eq("_id", id), Updates.inc("n", 1));
                                return null;
                            });
                        }
                        committed.incrementAndGet();
                    }
                    case CURSOR -> {
                        int n = 0;
                        try (MongoCursor<Document> it = cursor.find().batchSize(CURSOR_BATCH).iterator()) {
                            while (it.hasNext()) {
                                it.next();
                                n++;
                            }
                        }
                        if (n != CURSOR_DOCS) {
                            failures.add(kind + " " + key + ": the cursor returned " + n + " of " + CURSOR_DOCS);
                        }
                    }
                    default -> throw new IllegalStateException(kind.name());
                }
                done.incrementAndGet(kind.ordinal());
            } catch (RuntimeException e) {
                failures.add(kind + " " + key + ": " + e);
            }
            seq++;
        }
    }
}
