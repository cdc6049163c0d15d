package io.jmongos.router.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.shard.DatabaseRouting;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry;

/**
 * One movePrimary, run by the router (MongoDB's MovePrimaryCoordinator runs on the donor shard; a jmongos shard
 * server has no cloner of its own, so the router moves the data through itself):
 * <ol>
 *   <li>enter the database's critical section on the donor: versioned commands on it wait from now on, the running
 *       ones have finished, its open transactions that wrote there are aborted;</li>
 *   <li>copy every unsharded collection and view (options, documents, indexes) to the recipient;</li>
 *   <li>commit on the config server: {@code config.databases} gets the new {@code primary} and
 *       {@code version.lastMod} + 1, only if the entry is still the one read at the start;</li>
 *   <li>exit the critical section: the held commands refresh, see the new primary and answer StaleDbVersion, and
 *       their routers retry on the recipient;</li>
 *   <li>{@code _flushDatabaseCacheUpdates} on both shards, then drop the moved collections on the donor.</li>
 * </ol>
 * A failure before the commit drops what was copied and leaves the section: the database stays where it was.
 */
final class PrimaryMove {
    private static final Logger LOG = LoggerFactory.getLogger(PrimaryMove.class);
    /** MongoDB's "Running movePrimary operation" (move_primary_coordinator.cpp). */
    static final int LOG_RUNNING = 7120201;
    /** MongoDB's "Completed movePrimary operation". */
    static final int LOG_COMPLETED = 7120206;
    /** MongoDB's "Database already on requested primary shard". */
    static final int LOG_ALREADY_THERE = 7120200;
    /** jmongos' own: a shard's database cache could not be flushed after a move. */
    static final int LOG_FLUSH_FAILED = LogIds.JMONGOS_BASE + 540;
    /** jmongos' own: a moved collection could not be dropped on the old primary. */
    static final int LOG_DROP_FAILED = LogIds.JMONGOS_BASE + 541;
    /** The profiler's collection: each shard has its own, never moved (MongoDB's cloner skips it too). */
    static final String PROFILE_COLLECTION = "system.profile";

    private final ConfigCatalog catalog;
    private final ShardRegistry shards;
    private final DatabaseRouting routing;

    PrimaryMove(ConfigCatalog catalog, ShardRegistry shards, DatabaseRouting routing) {
        this.catalog = catalog;
        this.shards = shards;
        this.routing = routing;
    }

    void run(String db, String to) {
        try {
            move(db, to);
        } finally {
            routing.invalidate(db); // read the placement again on next use, whatever happened (mongos purges too)
        }
    }

    private void move(String db, String to) {
        BsonDocument entry = catalog.database(db);
        if (entry == null) {
            throw new CommandFailedException(ErrorCode.NAMESPACE_NOT_FOUND, "database " + db + " not found");
        }
        String from = entry.getString("primary").getValue();
        if (from.equals(to)) {
            StructuredLog.info(LOG, LOG_ALREADY_THERE, LogComponent.SHARDING,
                    "Database already on requested primary shard").addKeyValue("db", db).addKeyValue("to", to).log();
            return;
        }
        if (catalog.shards().stream().noneMatch(s -> s.name().equals(to))) {
            throw new CommandFailedException(ErrorCode.SHARD_NOT_FOUND, "Requested primary shard " + to
                    + " does not exist");
        }
        if (!shards.contains(to) || !shards.contains(from)) {
            shards.update(catalog.shards());
        }
        Shard donor = shards.get(from);
        Shard recipient = shards.get(to);
        int lastMod = entry.getDocument("version").getNumber("lastMod").intValue();
        BsonDocument reason = new BsonDocument("command", new BsonString("movePrimary"))
                .append("db", new BsonString(db)).append("to", new BsonString(to))
                .append("operationId", new BsonObjectId());
        StructuredLog.info(LOG, LOG_RUNNING, LogComponent.SHARDING, "Running movePrimary operation")
                .addKeyValue("db", db).addKeyValue("from", from).addKeyValue("to", to).log();
        donor.run("admin", new BsonDocument("_shardsvrMovePrimaryEnterCriticalSection", new BsonString(db))
                .append("reason", reason)).bodyOrThrow();
        List<String> copied = new ArrayList<>();
        try {
            copy(db, donor, recipient, copied);
            commit(db, from, to, lastMod);
        } catch (RuntimeException e) {
            dropQuietly(recipient, db, copied, e);
            exitQuietly(donor, db, reason, e);
            throw e;
        }
        RuntimeException exitFailure = null;
        try {
            donor.run("admin", new BsonDocument("_shardsvrMovePrimaryExitCriticalSection", new BsonString(db))
                    .append("reason", reason)).bodyOrThrow();
        } catch (RuntimeException e) {
            exitFailure = e;
        }
        flushQuietly(donor, db);
        flushQuietly(recipient, db);
        routing.invalidate(db);
        dropQuietly(donor, db, copied, null);
        if (exitFailure != null) {
            throw new CommandFailedException(ErrorCode.OPERATION_FAILED, "movePrimary of " + db + " to " + to
                    + " committed, but the critical section on " + from + " could not be left: "
                    + exitFailure.getMessage() + "; commands on the database wait there until it is");
        }
        StructuredLog.info(LOG, LOG_COMPLETED, LogComponent.SHARDING, "Completed movePrimary operation")
                .addKeyValue("db", db).addKeyValue("to", to).addKeyValue("collections", copied.size()).log();
    }

    /** Copy the unsharded collections and views; refuses a recipient that already has one of them (48). */
    private void copy(String db, Shard donor, Shard recipient, List<String> copied) {
        Set<String> sharded = catalog.shardedCollections(db);
        List<BsonDocument> entries = new ArrayList<>();
        for (BsonDocument e : CollectionCopier.collections(donor, db)) {
            String name = e.getString("name").getValue();
            if (!sharded.contains(name) && !name.equals(PROFILE_COLLECTION)) {
                entries.add(e);
            }
        }
        for (BsonDocument there : CollectionCopier.collections(recipient, db)) {
            String name = there.getString("name").getValue();
            if (entries.stream().anyMatch(e -> e.getString("name").getValue().equals(name))) {
                throw new CommandFailedException(ErrorCode.NAMESPACE_EXISTS, "Cannot move the primary of " + db
                        + " to " + recipient.name() + ": that shard already has " + db + "." + name);
            }
        }
        CollectionCopier copier = new CollectionCopier(donor, recipient, db);
        for (BsonDocument e : entries) {
            copied.add(e.getString("name").getValue());
            copier.copy(e);
        }
    }

    /** The new primary and version, written only over the entry this move read (else 117). */
    private void commit(String db, String from, String to, int lastMod) {
        BsonDocument filter = new BsonDocument("_id", new BsonString(db)).append("primary", new BsonString(from))
                .append("version.lastMod", new BsonInt32(lastMod));
        BsonDocument update = new BsonDocument("$set", new BsonDocument("primary", new BsonString(to))
                .append("version.lastMod", new BsonInt32(lastMod + 1)));
        if (catalog.updateOne("databases", filter, update) == 0) {
            throw new CommandFailedException(ErrorCode.CONFLICTING_OPERATION_IN_PROGRESS, "the placement of "
                    + "database " + db + " changed while movePrimary ran (dropped, or moved by another router)");
        }
    }

    private static void exitQuietly(Shard donor, String db, BsonDocument reason, RuntimeException cause) {
        try {
            donor.run("admin", new BsonDocument("_shardsvrMovePrimaryExitCriticalSection", new BsonString(db))
                    .append("reason", reason)).bodyOrThrow();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
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

    /** Drop {@code names} of {@code db} on {@code shard}; failures are added to {@code cause} or logged. */
    private static void dropQuietly(Shard shard, String db, List<String> names, RuntimeException cause) {
        for (String name : names) {
            try {
                var r = shard.run(db, new BsonDocument("drop", new BsonString(name)));
                if (!r.ok() && !r.isError(ErrorCode.NAMESPACE_NOT_FOUND.code())) {
                    throw r.error();
                }
            } catch (RuntimeException e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                } else {
                    StructuredLog.warn(LOG, LOG_DROP_FAILED, LogComponent.SHARDING,
                                    "Could not drop a moved collection on the old primary")
                            .addKeyValue("ns", db + "." + name).addKeyValue("shard", shard.name())
                            .addKeyValue("error", e.getMessage()).log();
                }
            }
        }
    }
}
