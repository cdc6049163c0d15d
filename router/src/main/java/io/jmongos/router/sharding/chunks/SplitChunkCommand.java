package io.jmongos.router.sharding.chunks;

import java.util.List;
import java.util.function.Consumer;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.sharding.ChunkVersion;
import io.jmongos.router.sharding.catalog.ChunkEntry;
import io.jmongos.router.sharding.catalog.ShardingCatalog;
import io.jmongos.router.sharding.routing.CollectionRoutingCache;
import io.jmongos.router.sharding.routing.RoutingTable;

/**
 * {@code split: "db.coll", middle: {<full shard key>}} on admin ({@code sh.splitAt}): the chunk that holds
 * {@code middle} becomes {@code [min, middle)} and {@code [middle, max)} on the same shard, as MongoDB's
 * {@code _configsvrCommitChunkSplit} commits it: the two get the collection version's major and its minor plus one
 * and plus two, the history kept. No document moves; the owning shard's version grows, so routers with the old one
 * get StaleConfig and refresh. The new bounds are written by an update conditional on the chunk's old version
 * (another router's split of the same chunk first makes this one 117). Only {@code middle} is taken ({@code find}
 * and {@code bounds}, which need the shard's splitVector, are 238).
 */
public final class SplitChunkCommand implements CommandHandler {
    private final ShardingCatalog catalog;
    private final CollectionRoutingCache cache;
    private final Consumer<String> flush;

    public SplitChunkCommand(ShardingCatalog catalog, CollectionRoutingCache cache, Consumer<String> flush) {
        this.catalog = catalog;
        this.cache = cache;
        this.flush = flush;
    }

    @Override
    public String name() {
        return "split";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.DDL;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        String ns = CommandArgs.requiredString(command, name(), name());
        if (command.containsKey("find") || command.containsKey("bounds")) {
            throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED, "split with 'find' or 'bounds' is not "
                    + "supported by jmongos yet; give 'middle'");
        }
        BsonValue middleValue = CommandArgs.required(command, name(), "middle");
        if (!middleValue.isDocument()) {
            throw CommandArgs.wrongType(name(), "middle", middleValue, "object");
        }
        cache.invalidate(ns);
        RoutingTable table = cache.get(ns);
        if (table == null) {
            throw new CommandFailedException(ErrorCode.NAMESPACE_NOT_SHARDED, "ns not sharded.  Cannot split chunk");
        }
        BsonDocument middle = normalized(table, middleValue.asDocument());
        ChunkEntry chunk = table.chunkFor(middle);
        if (BsonValueComparator.compareDocuments(chunk.min(), middle) == 0) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "cannot split on initial or final chunk's "
                    + "key");
        }
        ChunkVersion coll = table.collectionVersion();
        ChunkEntry low = new ChunkEntry(chunk.id(), chunk.uuid(), chunk.min(), middle, chunk.shard(), coll.major(),
                coll.minor() + 1, chunk.onCurrentShardSince(), chunk.history());
        ChunkEntry high = new ChunkEntry(new ObjectId(), chunk.uuid(), middle, chunk.max(), chunk.shard(),
                coll.major(), coll.minor() + 2, chunk.onCurrentShardSince(), chunk.history());
        if (!catalog.replaceChunk(chunk, low)) {
            throw new CommandFailedException(ErrorCode.CONFLICTING_OPERATION_IN_PROGRESS, "chunk " + chunk.min()
                    .toJson() + " of " + ns + " changed while it was being split; try again");
        }
        catalog.insertChunks(List.of(high));
        flush.accept(ns);
        return new BsonDocument();
    }

    /** {@code middle} in the key's field order, every field present (9 FailedToParse otherwise). */
    private static BsonDocument normalized(RoutingTable table, BsonDocument middle) {
        BsonDocument out = new BsonDocument();
        for (String f : table.key().fields()) {
            BsonValue v = middle.get(f);
            if (v == null || middle.size() != table.key().fields().size()) {
                throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "split point " + middle.toJson()
                        + " is not a shard key of " + table.key());
            }
            out.append(f, v);
        }
        return out;
    }
}
