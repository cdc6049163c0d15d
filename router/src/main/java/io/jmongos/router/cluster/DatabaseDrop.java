package io.jmongos.router.cluster;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.shard.DatabaseRouting;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry;

/**
 * One dropDatabase, run by the router in the order of MongoDB's DropDatabaseCoordinator (which runs on the primary
 * shard; a jmongos shard server has none, so the router drives it): hold the database's critical section on its
 * primary (versioned commands on it wait, its open transactions that wrote there are aborted), drop the database on
 * the primary and then on every other shard, remove its {@code config.databases} entry, leave the section and flush
 * every shard's cached version. Commands held in the section, and routers whose cache still names the old primary,
 * then get StaleDbVersion, read the placement again, find none, and a write creates the database afresh (its primary
 * chosen again, as for any new database).
 */
final class DatabaseDrop {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseDrop.class);
    /** jmongos' own: a database was dropped across the cluster. */
    static final int LOG_DROPPED = LogIds.JMONGOS_BASE + 542;
    /** jmongos' own: a shard's database cache could not be flushed after a drop. */
    static final int LOG_FLUSH_FAILED = LogIds.JMONGOS_BASE + 543;

    private final ConfigCatalog catalog;
    private final ShardRegistry shards;
    private final DatabaseRouting routing;

    DatabaseDrop(ConfigCatalog catalog, ShardRegistry shards, DatabaseRouting routing) {
        this.catalog = catalog;
        this.shards = shards;
        this.routing = routing;
    }

    /** Drop {@code db}; false when the cluster has no such database (mongos answers ok then too). */
    boolean run(String db) {
        routing.invalidate(db);
        try {
            return drop(db);
        } finally {
            routing.invalidate(db); // as mongos purges its cached entry whatever happened
        }
    }

    private boolean drop(String db) {
        BsonDocument entry = catalog.database(db);
        if (entry == null) {
            return false;
        }
        List<Shard> all = shards.refreshed();
        Shard primary = shards.get(entry.getString("primary").getValue());
        BsonDocument reason = new BsonDocument("command", new BsonString("dropDatabase"))
                .append("db", new BsonString(db)).append("operationId", new BsonObjectId());
        primary.run("admin", new BsonDocument("_shardsvrMovePrimaryEnterCriticalSection", new BsonString(db))
                .append("reason", reason)).bodyOrThrow();
        try {
            dropOn(primary, db);
            for (Shard s : all) {
                if (s != primary) {
                    dropOn(s, db);
                }
            }
            catalog.delete("databases", new BsonDocument("_id", new BsonString(db)));
        } finally {
            primary.run("admin", new BsonDocument("_shardsvrMovePrimaryExitCriticalSection", new BsonString(db))
                    .append("reason", reason)).bodyOrThrow();
        }
        for (Shard s : all) {
            flushQuietly(s, db);
        }
        StructuredLog.info(LOG, LOG_DROPPED, LogComponent.SHARDING, "Dropped database")
                .addKeyValue("db", db).addKeyValue("primary", primary.name()).addKeyValue("shards", all.size()).log();
        return true;
    }

    private static void dropOn(Shard shard, String db) {
        shard.run(db, new BsonDocument("dropDatabase", new BsonInt32(1))).bodyOrThrow();
    }

    private static void flushQuietly(Shard shard, String db) {
        try {
            shard.run("admin", new BsonDocument("_flushDatabaseCacheUpdates", new BsonString(db))).bodyOrThrow();
        } catch (RuntimeException e) {
            // the shard refreshes on the next versioned command whose version it does not hold anyway
            StructuredLog.warn(LOG, LOG_FLUSH_FAILED, LogComponent.SHARDING, "Could not flush a shard's database cache")
                    .addKeyValue("db", db).addKeyValue("shard", shard.name()).addKeyValue("error", e.getMessage())
                    .log();
        }
    }
}
