package io.jmongos.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ValidationOptions;

import io.jmongos.server.JmongosServer;

/**
 * movePrimary through one router of an in-JVM cluster, driven by the official Java driver: MongoDB's refusals, a
 * database's collections (options, indexes, views, documents) landing on the other shard with a bumped database
 * version, the other router's stale cache corrected by the StaleDbVersion retry, and writers on both routers that
 * lose no acknowledged write and duplicate none while the primary moves back and forth.
 */
class MovePrimaryTest {
    private static InJvmCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Document databaseEntry(MongoClient c, String db) {
        return c.getDatabase("config").getCollection("databases").find(new Document("_id", db)).first();
    }

    private static int code(MongoDatabase db, Document cmd) {
        try {
            db.runCommand(cmd);
            return 0;
        } catch (MongoCommandException e) {
            return e.getErrorCode();
        }
    }

    private static String message(MongoDatabase db, Document cmd) {
        try {
            db.runCommand(cmd);
            return "";
        } catch (MongoCommandException e) {
            return e.getErrorMessage();
        }
    }

    private static List<String> collectionsOn(JmongosServer shard, String db) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            return c.getDatabase(db).listCollectionNames().into(new ArrayList<>());
        }
    }

    @Test
    void refusalsAreMongoDbs() {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            one.getDatabase("refused").getCollection("c").insertOne(new Document("x", 1));
            String primary = databaseEntry(one, "refused").getString("primary");
            MongoDatabase admin = one.getDatabase("admin");
            assertThat(code(one.getDatabase("refused"), new Document("movePrimary", "refused").append("to",
                    primary))).isEqualTo(13);
            assertThat(code(admin, new Document("movePrimary", "config").append("to", primary))).isEqualTo(72);
            assertThat(message(admin, new Document("movePrimary", "admin").append("to", primary)))
                    .isEqualTo("Can't move primary for admin database");
            assertThat(code(admin, new Document("movePrimary", "local").append("to", primary))).isEqualTo(72);
            assertThat(message(admin, new Document("movePrimary", "a.b").append("to", primary)))
                    .isEqualTo("invalid db name specified: a.b");
            assertThat(code(admin, new Document("movePrimary", "").append("to", primary))).isEqualTo(73);
            assertThat(message(admin, new Document("movePrimary", "refused").append("to", "Unknown")))
                    .isEqualTo("Requested primary shard Unknown does not exist");
            assertThat(code(admin, new Document("movePrimary", "refused").append("to", "Unknown"))).isEqualTo(70);
            assertThat(message(admin, new Document("movePrimary", "refused").append("to", "")))
                    .isEqualTo("you have to specify where you want to move it");
            assertThat(code(admin, new Document("movePrimary", "refused"))).isEqualTo(40414);
            assertThat(message(admin, new Document("movePrimary", "neverCreated").append("to", primary)))
                    .isEqualTo("database neverCreated not found");
            Document before = databaseEntry(one, "refused");
            admin.runCommand(new Document("movePrimary", "refused").append("to", primary));
            assertThat(databaseEntry(one, "refused")).as("moving to the primary itself changes nothing")
                    .isEqualTo(before);
        }
    }

    @Test
    void collectionsMoveWithTheirOptionsIndexesAndViewsAndTheOtherRouterFollows() {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne);
             MongoClient two = InJvmCluster.client(cluster.routerTwo)) {
            MongoDatabase shop = one.getDatabase("moved");
            shop.createCollection("capped", new CreateCollectionOptions().capped(true).sizeInBytes(1 << 20));
            shop.createCollection("checked", new CreateCollectionOptions().validationOptions(
                    new ValidationOptions().validator(new Document("n", new Document("$type", "int")))));
            MongoCollection<Document> items = shop.getCollection("items");
            for (int i = 0; i < 250; i++) {
                items.insertOne(new Document("_id", i).append("sku", "s" + i).append("n", i));
            }
            items.createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true).name("sku_unique"));
            shop.getCollection("checked").insertOne(new Document("n", 1));
            shop.createView("cheap", "items", List.of(new Document("$match", new Document("n",
                    new Document("$lt", 10)))));
            // router two reads first, so its cache holds the old primary
            assertThat(two.getDatabase("moved").getCollection("items").countDocuments()).isEqualTo(250);
            Document before = databaseEntry(one, "moved");
            String from = before.getString("primary");
            String to = InJvmCluster.other(from);

            Document reply = one.getDatabase("admin").runCommand(new Document("movePrimary", "moved")
                    .append("to", to));
            assertThat(reply.get("ok")).isEqualTo(1.0);

            Document after = databaseEntry(one, "moved");
            assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
            assertThat(after.getString("primary")).isEqualTo(to);
            Document v0 = before.get("version", Document.class);
            Document v1 = after.get("version", Document.class);
            assertThat(v1.get("uuid")).isEqualTo(v0.get("uuid"));
            assertThat(v1.get("timestamp")).isEqualTo(v0.get("timestamp"));
            assertThat(v1.getInteger("lastMod")).isEqualTo(v0.getInteger("lastMod") + 1);
            assertThat(collectionsOn(cluster.shard(to), "moved")).containsExactlyInAnyOrder("capped", "checked",
                    "items", "cheap");
            assertThat(collectionsOn(cluster.shard(from), "moved")).as("dropped on the old primary").isEmpty();

            // router two still caches the old primary: its write is refused there (StaleDbVersion) and retried
            MongoCollection<Document> viaTwo = two.getDatabase("moved").getCollection("items");
            viaTwo.insertOne(new Document("_id", 1000).append("sku", "new").append("n", 1000));
            try (MongoClient onShard = InJvmCluster.client(cluster.shard(to))) {
                assertThat(onShard.getDatabase("moved").getCollection("items")
                        .countDocuments(new Document("_id", 1000))).isEqualTo(1);
            }
            assertThat(viaTwo.countDocuments()).isEqualTo(251);
            assertThat(items.find(new Document("_id", 7)).first()).containsEntry("sku", "s7");
            assertThatThrownBy(() -> viaTwo.insertOne(new Document("_id", 2000).append("sku", "s7")))
                    .as("the unique index moved too").hasMessageContaining("E11000");
            List<Document> options = two.getDatabase("moved").listCollections().into(new ArrayList<>());
            Map<String, Document> byName = new HashMap<>();
            options.forEach(d -> byName.put(d.getString("name"), d));
            assertThat(byName.get("capped").get("options", Document.class)).containsEntry("capped", true);
            assertThat(byName.get("checked").get("options", Document.class)).containsKey("validator");
            assertThat(byName.get("cheap").getString("type")).isEqualTo("view");
            assertThat(two.getDatabase("moved").getCollection("cheap").countDocuments()).isEqualTo(10);
            assertThatThrownBy(() -> two.getDatabase("moved").getCollection("checked")
                    .insertOne(new Document("n", "text"))).as("the validator moved too")
                    .hasMessageContaining("Document failed validation");
        }
    }

    @Test
    void writersOnBothRoutersLoseNothingAndDuplicateNothingWhileThePrimaryMoves() throws Exception {
        int writersPerRouter = 2;
        try (MongoClient one = InJvmCluster.client(cluster.routerOne);
             MongoClient two = InJvmCluster.client(cluster.routerTwo)) {
            one.getDatabase("load").getCollection("w").insertOne(new Document("_id", "seed"));
            String first = databaseEntry(one, "load").getString("primary");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger[] progress = new AtomicInteger[2 * writersPerRouter];
            List<Thread> threads = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(2 * writersPerRouter);
            for (int w = 0; w < 2 * writersPerRouter; w++) {
                MongoCollection<Document> coll = (w % 2 == 0 ? one : two).getDatabase("load").getCollection("w");
                AtomicInteger count = new AtomicInteger();
                progress[w] = count;
                String writer = "w" + w;
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; !stop.get(); i++) {
                            String id = writer + "-" + i;
                            coll.insertOne(new Document("_id", id).append("writer", writer).append("i", i));
                            acknowledged.add(id);
                            count.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                }, "writer-" + w);
                threads.add(t);
                t.start();
            }
            try {
                awaitProgress(progress, failure, 20);
                one.getDatabase("admin").runCommand(new Document("movePrimary", "load")
                        .append("to", InJvmCluster.other(first)));
                awaitProgress(progress, failure, 20);
                two.getDatabase("admin").runCommand(new Document("movePrimary", "load").append("to", first));
                awaitProgress(progress, failure, 20);
            } finally {
                stop.set(true);
                assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(failure.get()).as("no writer saw an error").isNull();
            assertThat(databaseEntry(one, "load").getString("primary")).isEqualTo(first);

            for (MongoClient router : List.of(one, two)) {
                Map<String, Integer> seen = new HashMap<>();
                for (Document d : router.getDatabase("load").getCollection("w").find()) {
                    seen.merge(d.getString("_id"), 1, Integer::sum);
                }
                assertThat(seen.keySet()).containsAll(acknowledged);
                assertThat(seen.values()).allMatch(n -> n == 1);
                assertThat(seen.size()).isEqualTo(acknowledged.size() + 1);
            }
            try (MongoClient onShard = InJvmCluster.client(cluster.shard(InJvmCluster.other(first)))) {
                assertThat(onShard.getDatabase("load").listCollectionNames().into(new ArrayList<>()))
                        .as("the second move dropped the data on the shard it left").isEmpty();
            }
        }
    }

    /** Waits until every writer has acknowledged {@code more} further writes (fails on a writer's error). */
    private static void awaitProgress(AtomicInteger[] progress, AtomicReference<Throwable> failure, int more)
            throws InterruptedException {
        int[] start = new int[progress.length];
        for (int i = 0; i < progress.length; i++) {
            start[i] = progress[i].get();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < progress.length; i++) {
            while (progress[i].get() < start[i] + more) {
                assertThat(failure.get()).isNull();
                assertThat(System.nanoTime()).as("writer %d made no progress", i).isLessThan(deadline);
                Thread.sleep(5);
            }
        }
    }
}
