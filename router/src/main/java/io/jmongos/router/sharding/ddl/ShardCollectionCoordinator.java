package io.jmongos.router.sharding.ddl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.UuidRepresentation;
import org.bson.types.ObjectId;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.write.ShellFormat;
import io.jmongos.router.shard.DatabaseRoute;
import io.jmongos.router.shard.DatabaseRouting;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry;
import io.jmongos.router.sharding.ShardingErrors;
import io.jmongos.router.sharding.catalog.ChunkEntry;
import io.jmongos.router.sharding.catalog.CollectionEntry;
import io.jmongos.router.sharding.catalog.ShardingCatalog;
import io.jmongos.router.session.LogicalClock;

/**
 * Shards one collection, in the order of MongoDB's {@code CreateCollectionCoordinator}: check the arguments, find
 * the database's primary, check the collection's indexes against the key (creating the key's index when the
 * collection is empty), lay out the initial chunks, create the collection and the primary's indexes on every other
 * shard that receives a chunk, then commit: the chunks into {@code config.chunks}, then the entry into
 * {@code config.collections}, whose unique {@code _id} decides a race between two routers (the loser deletes its
 * chunks and answers as a repeated request would). MongoDB runs this on the primary shard under a DDL lock; a
 * jmongos shard server has no coordinator, so the router runs it.
 */
public final class ShardCollectionCoordinator {
    private final ShardingCatalog catalog;
    private final DatabaseRouting routing;
    private final ShardRegistry shards;
    private final Runnable refreshShards;
    private final LogicalClock clock;
    private final Consumer<String> committed;

    /**
     * @param refreshShards brings {@code shards} in step with config.shards before the layout is computed
     * @param committed     told the namespace once config.collections has it (caches are flushed there)
     */
    public ShardCollectionCoordinator(ShardingCatalog catalog, DatabaseRouting routing, ShardRegistry shards,
                                      Runnable refreshShards, LogicalClock clock, Consumer<String> committed) {
        this.catalog = catalog;
        this.routing = routing;
        this.shards = shards;
        this.refreshShards = refreshShards;
        this.clock = clock;
        this.committed = committed;
    }

    /** Shard the collection; returns its config.collections entry. */
    CollectionEntry run(ShardCollectionRequest req) {
        checkNamespace(req);
        if (req.key().isHashed() && req.unique()) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "Hashed shard keys cannot be declared unique. "
                    + "It's possible to ensure uniqueness on the hashed field by declaring an additional "
                    + "(non-hashed) unique index on the field.");
        }
        refreshShards.run();
        InitialChunks.checkCount(req.numInitialChunks(), shards.all().size());
        CollectionEntry existing = catalog.collection(req.ns());
        if (existing != null) {
            return sameOptions(existing, req);
        }
        DatabaseRoute route = routing.route(req.db(), true);
        Shard primary = route.primary();
        CollectionOnShard local = CollectionOnShard.read(primary, req.db(), req.collection());
        checkCollation(req, local);
        StringBuilder reasons = new StringBuilder();
        boolean empty = local.isEmpty();
        if (!ShardKeyIndexCheck.usableIndexExists(req.ns(), req.key(), req.unique(), local.indexes(), reasons)) {
            if (!empty) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "Please create an index that starts with "
                        + "the proposed shard key before sharding the collection. " + reasons);
            }
            local.createKeyIndex(req.key(), req.unique(), local.options().containsKey("collation"));
        }
        InitialChunks.checkPolicy(req.key(), req.numInitialChunks(), req.presplitHashedZones(), empty);
        local = CollectionOnShard.read(primary, req.db(), req.collection());
        List<String> names = new ArrayList<>();
        shards.all().forEach(s -> names.add(s.name()));
        List<InitialChunks.Chunk> layout = InitialChunks.compute(req.key(), empty, req.numInitialChunks(), names,
                primary.name());
        Set<String> receivers = new LinkedHashSet<>();
        layout.forEach(c -> receivers.add(c.shard()));
        for (String name : receivers) {
            if (!name.equals(primary.name())) {
                local.copyTo(shards.get(name));
            }
        }
        return commit(req, local.uuid(), layout);
    }

    private CollectionEntry commit(ShardCollectionRequest req, UUID uuid, List<InitialChunks.Chunk> layout) {
        BsonTimestamp timestamp = clock.tick();
        List<ChunkEntry> chunks = new ArrayList<>();
        List<ObjectId> ids = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            InitialChunks.Chunk c = layout.get(i);
            ObjectId id = new ObjectId();
            ids.add(id);
            chunks.add(new ChunkEntry(id, uuid, c.min(), c.max(), c.shard(), 1, i, timestamp,
                    ChunkEntry.firstHistory(timestamp, c.shard())));
        }
        CollectionEntry entry = new CollectionEntry(req.ns(), uuid, new ObjectId(), timestamp,
                System.currentTimeMillis(), req.key().toBson(), req.unique(), false, null);
        catalog.insertChunks(chunks);
        if (!catalog.insertCollection(entry)) {
            catalog.deleteChunks(ids);
            CollectionEntry winner = catalog.collection(req.ns());
            if (winner == null) {
                throw new CommandFailedException(ErrorCode.CONFLICTING_OPERATION_IN_PROGRESS, "collection "
                        + req.ns() + " was sharded and dropped while this shardCollection ran; try again");
            }
            return sameOptions(winner, req);
        }
        committed.accept(req.ns());
        return entry;
    }

    /** A repeated shardCollection with the same key and uniqueness succeeds; other options are 23. */
    private static CollectionEntry sameOptions(CollectionEntry existing, ShardCollectionRequest req) {
        if (existing.key().equals(req.key().toBson()) && existing.unique() == req.unique()) {
            return existing;
        }
        BsonDocument options = new BsonDocument("key", existing.key())
                .append("unique", new org.bson.BsonBoolean(existing.unique()))
                .append("uuid", new BsonBinary(existing.uuid(), UuidRepresentation.STANDARD));
        throw new CommandFailedException(ShardingErrors.ALREADY_INITIALIZED, ShardingErrors.ALREADY_INITIALIZED_NAME,
                "sharding already enabled for collection " + req.ns() + " with options "
                        + ShellFormat.format(options));
    }

    private static void checkNamespace(ShardCollectionRequest req) {
        if (req.db().equals("config")) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION,
                    "only special collections in the config db may be sharded");
        }
        if (req.db().equals("admin") || req.db().equals("local")) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "can't shard " + req.db() + " database");
        }
        if (req.collection().startsWith("system.")) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "can't shard system namespaces");
        }
    }

    /** The only collation a shard key may have is simple, MongoDB's rule for shardCollection. */
    private static void checkCollation(ShardCollectionRequest req, CollectionOnShard local) {
        BsonDocument given = req.collation();
        if (given != null && !isSimple(given)) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "The collation for shardCollection must be "
                    + "{locale: 'simple'}, but found: " + ShellFormat.format(given));
        }
        BsonDocument own = local.options().isDocument("collation") ? local.options().getDocument("collation") : null;
        if (own != null && !isSimple(own) && given == null) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Collection has default collation: "
                    + ShellFormat.format(own) + ". Must specify collation {locale: 'simple'}");
        }
    }

    private static boolean isSimple(BsonDocument collation) {
        return collation.size() == 1 && collation.get("locale", new BsonString("")).equals(new BsonString("simple"));
    }
}
