package io.jmongos.router.sharding.ddl;

import java.util.function.Consumer;

import org.bson.BsonDocument;

import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.sharding.catalog.ShardingCatalog;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.sharding.targeting.ShardedOperation;

/**
 * {@code drop} of a sharded collection, in the order of MongoDB's {@code DropCollectionCoordinator}: the
 * collection's config.chunks and config.collections entries are removed (routers that refresh now see no sharded
 * collection), every shard drops its cached version ({@code _flushRoutingTableCacheUpdates}), then every shard
 * drops its copy (a shard without one is fine). The reply is the primary's.
 */
public final class ShardedDrop implements ShardedOperation {
    private final ShardingCatalog catalog;
    private final Consumer<String> flush;

    /** @param flush drops the cached placement of a namespace on every shard and in this router */
    public ShardedDrop(ShardingCatalog catalog, Consumer<String> flush) {
        this.catalog = catalog;
        this.flush = flush;
    }

    @Override
    public boolean retriesWhole() {
        return false;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command, RoutingTable table) {
        catalog.deleteCollection(table.collection().ns(), table.collection().uuid());
        flush.accept(table.collection().ns());
        Shard primary = ctx.services().routing().route(ctx.db(), false).primary();
        BsonDocument reply = null;
        for (Shard shard : ctx.services().shards().refreshed()) {
            ShardReply r = ctx.services().sender().toShard(shard, ctx.db(), command);
            if (!r.ok() && !r.isError(ErrorCode.NAMESPACE_NOT_FOUND.code())) {
                throw r.error();
            }
            if (shard == primary && r.ok()) {
                reply = r.bodyOrThrow();
            }
        }
        return reply != null ? reply : new BsonDocument();
    }
}
