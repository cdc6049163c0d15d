package io.jmongos.server.shardsvr;

import static io.jmongos.server.shardsvr.ShardServerRoleTest.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;

/**
 * databaseVersion on a shard server: cached and refreshed from an in-process config server, StaleDbVersion with
 * MongoDB's fields, the movePrimary critical section holding and releasing a versioned write.
 */
class DatabaseVersionTest {
    /** Upper bound of a poll for a state the test waits for; never the pace of the test. */
    private static final long POLL_LIMIT_MILLIS = 30_000;

    private static Document versionedInsert(MongoClient c, String db, BsonDocument version, int id) {
        return c.getDatabase(db).runCommand(new Document("insert", "c")
                .append("documents", java.util.List.of(new Document("_id", id)))
                .append("databaseVersion", version));
    }

    private static MongoCommandException stale(Runnable r) {
        try {
            r.run();
        } catch (MongoCommandException e) {
            assertThat(e.getErrorCode()).isEqualTo(249);
            assertThat(e.getErrorCodeName()).isEqualTo("StaleDbVersion");
            return e;
        }
        throw new AssertionError("expected StaleDbVersion");
    }

    private static long count(MongoClient c, String db) {
        return c.getDatabase(db).getCollection("c").countDocuments();
    }

    @Test
    void theRightVersionRunsAndAWrongOneIsStaleWithoutRunning() {
        try (ShardClusterFixture f = new ShardClusterFixture()) {
            f.addShard("shard0000");
            UUID uuid = UUID.randomUUID();
            BsonDocument v1 = ShardClusterFixture.version(uuid, 1);
            f.placeDatabase("app", "shard0000", v1);
            assertThat(versionedInsert(f.shardClient, "app", v1, 1).get("n", Number.class).intValue()).isEqualTo(1);
            assertThat(f.shard.shardServer().cachedDatabase("app").primary()).isEqualTo("shard0000");

            BsonDocument old = ShardClusterFixture.version(uuid, 0);
            MongoCommandException e = stale(() -> versionedInsert(f.shardClient, "app", old, 2));
            BsonDocument body = e.getResponse();
            assertThat(body.getString("db").getValue()).isEqualTo("app");
            assertThat(body.getDocument("vReceived")).isEqualTo(old);
            assertThat(body.getDocument("vWanted")).isEqualTo(v1);
            assertThat(count(f.shardClient, "app")).isEqualTo(1);

            // The config server moves on (movePrimary elsewhere); the shard's cache still says v1 until it is told.
            f.placeDatabase("app", "shard0001", ShardClusterFixture.version(uuid, 2));
            admin(f.shardClient, new Document("_flushDatabaseCacheUpdates", "app"));
            MongoCommandException moved = stale(() -> versionedInsert(f.shardClient, "app", v1, 3));
            assertThat(moved.getResponse().containsKey("vWanted")).isFalse();
            assertThat(count(f.shardClient, "app")).isEqualTo(1);

            stale(() -> versionedInsert(f.shardClient, "nowhere", v1, 4)); // not in config.databases
            // Without databaseVersion nothing is checked (the router's own cloning and metadata reads).
            f.shardClient.getDatabase("app").getCollection("c").insertOne(new Document("_id", 5));
            assertThat(count(f.shardClient, "app")).isEqualTo(2);
        }
    }

    @Test
    void aVersionedCommandBeforeAddShardIsRefused() {
        try (ShardClusterFixture f = new ShardClusterFixture()) {
            assertThatThrownBy(() -> versionedInsert(f.shardClient, "app",
                    ShardClusterFixture.version(UUID.randomUUID(), 1), 1))
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(62));
        }
    }

    @Test
    void theCriticalSectionHoldsAVersionedWriteUntilExitThenItRuns() throws Exception {
        try (ShardClusterFixture f = new ShardClusterFixture()) {
            f.addShard("shard0000");
            BsonDocument v1 = ShardClusterFixture.version(UUID.randomUUID(), 1);
            f.placeDatabase("app", "shard0000", v1);
            versionedInsert(f.shardClient, "app", v1, 1);
            admin(f.shardClient, new Document("_shardsvrMovePrimaryEnterCriticalSection", "app")
                    .append("reason", new Document("command", "movePrimary")));
            CompletableFuture<Document> held = CompletableFuture.supplyAsync(
                    () -> versionedInsert(f.shardClient, "app", v1, 2));
            awaitActiveCommands(f.shardClient, 2); // the held insert and this serverStatus
            assertThat(held).isNotDone();
            assertThat(count(f.shardClient, "app")).isEqualTo(1); // unversioned reads are not held
            admin(f.shardClient, new Document("_shardsvrMovePrimaryExitCriticalSection", "app"));
            assertThat(held.get(POLL_LIMIT_MILLIS, TimeUnit.MILLISECONDS).get("n", Number.class).intValue())
                    .isEqualTo(1);
            assertThat(count(f.shardClient, "app")).isEqualTo(2);
        }
    }

    @Test
    void aWriteHeldByTheCriticalSectionOfAMovePrimaryIsStaleAfterIt() throws Exception {
        try (ShardClusterFixture f = new ShardClusterFixture()) {
            f.addShard("shard0000");
            UUID uuid = UUID.randomUUID();
            BsonDocument v1 = ShardClusterFixture.version(uuid, 1);
            f.placeDatabase("app", "shard0000", v1);
            versionedInsert(f.shardClient, "app", v1, 1);
            admin(f.shardClient, new Document("_shardsvrMovePrimaryEnterCriticalSection", "app"));
            CompletableFuture<Document> held = CompletableFuture.supplyAsync(
                    () -> versionedInsert(f.shardClient, "app", v1, 2));
            awaitActiveCommands(f.shardClient, 2);
            f.placeDatabase("app", "shard0001", ShardClusterFixture.version(uuid, 2)); // the new primary
            admin(f.shardClient, new Document("_shardsvrMovePrimaryExitCriticalSection", "app"));
            assertThatThrownBy(() -> held.get(POLL_LIMIT_MILLIS, TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(249));
            assertThat(count(f.shardClient, "app")).isEqualTo(1);
        }
    }

    @Test
    void aHeldWriteGivesUpAtItsMaxTimeMsWithStaleDbVersion() {
        try (ShardClusterFixture f = new ShardClusterFixture()) {
            f.addShard("shard0000");
            BsonDocument v1 = ShardClusterFixture.version(UUID.randomUUID(), 1);
            f.placeDatabase("app", "shard0000", v1);
            admin(f.shardClient, new Document("_shardsvrMovePrimaryEnterCriticalSection", "app"));
            MongoCommandException e = stale(() -> f.shardClient.getDatabase("app").runCommand(
                    new Document("insert", "c").append("documents", java.util.List.of(new Document("_id", 1)))
                            .append("databaseVersion", v1).append("maxTimeMS", 1)));
            assertThat(e.getErrorMessage()).contains("critical section");
            assertThat(count(f.shardClient, "app")).isZero();
        }
    }

    private static void awaitActiveCommands(MongoClient c, int n) throws InterruptedException {
        long deadline = System.nanoTime() + POLL_LIMIT_MILLIS * 1_000_000L;
        while (admin(c, new Document("serverStatus", 1)).get("connections", Document.class)
                .get("active", Number.class).intValue() < n) {
            assertThat(System.nanoTime()).as("the held command never started").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
