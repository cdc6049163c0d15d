package io.jmongos.router.sharding.chunks;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.shard.ShardRegistry;
import io.jmongos.router.sharding.catalog.ChunkEntry;
import io.jmongos.router.sharding.routing.CollectionRoutingCache;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.sharding.targeting.ShardLookup;

/**
 * {@code moveChunk: "db.coll", find: {<shard key values>} | bounds: [min, max], to: "<shard>"} on admin
 * ({@code sh.moveChunk}; alias {@code movechunk}) and {@code moveRange: "db.coll", min: {...}, toShard: "<shard>"}
 * ({@code max} optional): the chunk that holds {@code find} (its hashed field hashed, as mongos does) or whose bounds
 * are given moves to the shard ({@link ChunkMigration}). A chunk already there is left alone. {@code moveRange}
 * moves whole chunks only: a range that is not one chunk is 238 (MongoDB splits it first).
 */
public final class MoveChunkCommand implements CommandHandler {
    private final boolean range;
    private final CollectionRoutingCache cache;
    private final ChunkMigration migration;

    /** @param range true for {@code moveRange}, false for {@code moveChunk} */
    public MoveChunkCommand(boolean range, CollectionRoutingCache cache, ChunkMigration migration) {
        this.range = range;
        this.cache = cache;
        this.migration = migration;
    }

    @Override
    public String name() {
        return range ? "moveRange" : "moveChunk";
    }

    @Override
    public List<String> aliases() {
        return range ? List.of() : List.of("movechunk");
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.DDL;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        String ns = CommandArgs.requiredString(command, name(), name());
        String to = CommandArgs.requiredString(command, name(), range ? "toShard" : "to");
        cache.invalidate(ns);
        RoutingTable table = cache.get(ns);
        if (table == null) {
            throw new CommandFailedException(ErrorCode.NAMESPACE_NOT_SHARDED, "ns not sharded: " + ns);
        }
        ChunkEntry chunk = range ? byRange(table, command) : byFindOrBounds(table, command);
        ShardRegistry shards = ctx.services().shards();
        if (!shards.contains(to)) {
            shards.refreshed();
        }
        if (!shards.contains(to)) {
            throw new CommandFailedException(ErrorCode.SHARD_NOT_FOUND, "Could not find shard " + to);
        }
        if (!chunk.shard().equals(to)) {
            migration.run(table, chunk, ShardLookup.get(shards, chunk.shard()), shards.get(to));
        }
        return new BsonDocument();
    }

    private ChunkEntry byFindOrBounds(RoutingTable table, BsonDocument command) {
        BsonValue find = command.get("find");
        BsonValue bounds = command.get("bounds");
        if (find != null && bounds != null) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "cannot specify bounds and find at the same time");
        }
        if (find != null) {
            if (!find.isDocument()) {
                throw CommandArgs.wrongType(name(), "find", find, "object");
            }
            return table.chunkFor(table.key().extractFromDocument(find.asDocument()));
        }
        if (bounds == null || !bounds.isArray() || bounds.asArray().size() != 2
                || !bounds.asArray().get(0).isDocument() || !bounds.asArray().get(1).isDocument()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "need to specify find or bounds");
        }
        return exact(table, bounds.asArray().get(0).asDocument(), bounds.asArray().get(1).asDocument());
    }

    private ChunkEntry byRange(RoutingTable table, BsonDocument command) {
        BsonValue min = CommandArgs.required(command, name(), "min");
        if (!min.isDocument()) {
            throw CommandArgs.wrongType(name(), "min", min, "object");
        }
        BsonValue max = command.get("max");
        ChunkEntry chunk = table.chunkFor(min.asDocument());
        if (max != null && !max.isDocument()) {
            throw CommandArgs.wrongType(name(), "max", max, "object");
        }
        return exact(table, min.asDocument(), max == null ? chunk.max() : max.asDocument());
    }

    private static ChunkEntry exact(RoutingTable table, BsonDocument min, BsonDocument max) {
        ChunkEntry chunk = table.chunkFor(min);
        if (BsonValueComparator.compareDocuments(chunk.min(), min) != 0
                || BsonValueComparator.compareDocuments(chunk.max(), max) != 0) {
            throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED, "the range " + min.toJson() + " - "
                    + max.toJson() + " is not one chunk of " + table.collection().ns()
                    + "; jmongos moves whole chunks only (split first)");
        }
        return chunk;
    }
}
