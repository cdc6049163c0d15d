package io.jmongos.router.sharding.chunks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.sharding.ChunkVersion;
import io.jmongos.router.sharding.catalog.ChunkEntry;
import io.jmongos.router.sharding.catalog.ShardingCatalog;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.session.LogicalClock;

/**
 * Moves one chunk's documents from its shard to another, run by the router (MongoDB's donor-driven
 * {@code MigrationSourceManager}/{@code MigrationDestinationManager}; a jmongos shard server has no migration code):
 * (1) the collection and the donor's indexes are created on the recipient; (2) both shards enter the collection's
 * critical section ({@code _shardsvrMigrationCriticalSection}), so no versioned read or write of the collection runs
 * on either while the range moves; (3) the donor's documents in the range (by their shard key) are copied to the
 * recipient, after removing any the recipient had in the range; (4) the commit on the config server: the chunk moves
 * with version {@code collectionMajor+1 | 0}, the donor's newest remaining chunk gets {@code collectionMajor+1 | 1}
 * (MongoDB's commit, so both shards' versions change), each by an update conditional on the version read at the
 * start; (5) the copied documents are deleted from the donor; (6) every shard's cached version is flushed and
 * (7) the sections are left: the commands that waited check their version, get StaleConfig, and their routers
 * refresh and send them to the new owner. A failure before the commit removes the copies from the recipient and leaves
 * the sections, so the chunk stays where it was. MongoDB copies without holding the critical section and catches up
 * with writes made meanwhile; jmongos blocks the collection on both shards for the whole move instead (no write is
 * lost or doubled, but the collection's commands on those shards wait).
 */
public final class ChunkMigration {
    private final ShardingCatalog catalog;
    private final LogicalClock clock;
    private final Consumer<String> flush;

    public ChunkMigration(ShardingCatalog catalog, LogicalClock clock, Consumer<String> flush) {
        this.catalog = catalog;
        this.clock = clock;
        this.flush = flush;
    }

    public void run(RoutingTable table, ChunkEntry chunk, Shard donor, Shard recipient) {
        String ns = table.collection().ns();
        String db = table.collection().db();
        String coll = table.collection().collection();
        CollectionOnShardCopy.ensure(donor, recipient, db, coll);
        BsonDocument reason = new BsonDocument("command", new BsonString("moveChunk")).append("ns", new BsonString(ns))
                .append("min", chunk.min()).append("to", new BsonString(recipient.name()))
                .append("operationId", new BsonObjectId(new ObjectId()));
        section(donor, ns, reason, true);
        try {
            section(recipient, ns, reason, true);
            try {
                move(table, chunk, donor, recipient, db, coll);
            } finally {
                flush.accept(ns);
                section(recipient, ns, reason, false);
            }
        } finally {
            section(donor, ns, reason, false);
        }
    }

    private void move(RoutingTable table, ChunkEntry chunk, Shard donor, Shard recipient, String db, String coll) {
        List<BsonValue> stale = new ArrayList<>();
        for (BsonDocument d : ShardDocuments.readAll(recipient, db, coll)) {
            if (inRange(table, chunk, d)) {
                stale.add(d.get("_id"));
            }
        }
        ShardDocuments.deleteIds(recipient, db, coll, stale);
        List<BsonDocument> moving = new ArrayList<>();
        List<BsonValue> ids = new ArrayList<>();
        for (BsonDocument d : ShardDocuments.readAll(donor, db, coll)) {
            if (inRange(table, chunk, d)) {
                moving.add(d);
                ids.add(d.get("_id"));
            }
        }
        try {
            ShardDocuments.insert(recipient, db, coll, moving);
            commit(table, chunk, recipient.name());
        } catch (RuntimeException e) {
            ShardDocuments.deleteIds(recipient, db, coll, ids);
            throw e;
        }
        ShardDocuments.deleteIds(donor, db, coll, ids);
    }

    private static boolean inRange(RoutingTable table, ChunkEntry chunk, BsonDocument doc) {
        BsonDocument key;
        try {
            key = table.key().extractFromDocument(doc);
        } catch (CommandFailedException e) {
            return false;
        }
        return BsonValueComparator.compareDocuments(chunk.min(), key) <= 0
                && BsonValueComparator.compareDocuments(key, chunk.max()) < 0;
    }

    /** The config server's part: the chunk to the recipient at a new major, the donor's newest chunk too. */
    private void commit(RoutingTable table, ChunkEntry chunk, String to) {
        ChunkVersion coll = table.collectionVersion();
        BsonTimestamp now = clock.tick();
        BsonArray history = new BsonArray();
        history.add(new BsonDocument("validAfter", now).append("shard", new BsonString(to)));
        chunk.history().forEach(history::add);
        ChunkEntry moved = new ChunkEntry(chunk.id(), chunk.uuid(), chunk.min(), chunk.max(), to, coll.major() + 1, 0,
                now, history);
        if (!catalog.replaceChunk(chunk, moved)) {
            throw new CommandFailedException(ErrorCode.CONFLICTING_OPERATION_IN_PROGRESS, "chunk " + chunk.min()
                    .toJson() + " of " + table.collection().ns() + " changed while it was being moved; try again");
        }
        ChunkEntry donorNewest = null;
        for (ChunkEntry c : table.chunks()) {
            if (c.shard().equals(chunk.shard()) && !c.id().equals(chunk.id()) && (donorNewest == null
                    || c.major() > donorNewest.major()
                    || c.major() == donorNewest.major() && c.minor() > donorNewest.minor())) {
                donorNewest = c;
            }
        }
        if (donorNewest != null) {
            catalog.replaceChunk(donorNewest, new ChunkEntry(donorNewest.id(), donorNewest.uuid(), donorNewest.min(),
                    donorNewest.max(), donorNewest.shard(), coll.major() + 1, 1, donorNewest.onCurrentShardSince(),
                    donorNewest.history()));
        }
    }

    private static void section(Shard shard, String ns, BsonDocument reason, boolean enter) {
        shard.run("admin", new BsonDocument("_shardsvrMigrationCriticalSection", new BsonString(ns))
                .append("enter", BsonBoolean.valueOf(enter)).append("reason", reason)).bodyOrThrow();
    }
}
