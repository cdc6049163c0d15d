package io.jmongos.router.sharding.targeting;

import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandInterceptor;
import io.jmongos.router.sharding.ShardingErrors;
import io.jmongos.router.sharding.routing.CollectionRoutingCache;
import io.jmongos.router.sharding.routing.RoutingTable;

/**
 * Sends the commands on a sharded collection where its chunks are instead of to the database's primary: the
 * innermost interceptor of a cluster router (sessions, transactions and operation tracking have run), it looks the
 * namespace up in the routing cache and hands a sharded one to its {@link ShardedOperation}; unsharded namespaces
 * go on to the handler unchanged (and come back here when the primary answers StaleConfig because the collection
 * was sharded meanwhile). A read that a shard refuses with StaleConfig is run again on a refreshed routing
 * table, up to MongoDB's 10 times; writes retry per shard batch themselves.
 */
public final class ShardedCollectionInterceptor implements CommandInterceptor {
    /** MongoDB's kMaxNumStaleVersionRetries. */
    static final int STALE_RETRIES = 10;

    private final CollectionRoutingCache cache;
    private final Map<String, ShardedOperation> operations;

    public ShardedCollectionInterceptor(CollectionRoutingCache cache, Map<String, ShardedOperation> operations) {
        this.cache = cache;
        this.operations = operations;
    }

    @Override
    public BsonDocument intercept(CommandContext ctx, CommandHandler handler, BsonDocument command,
                                  Invocation next) {
        ShardedOperation op = operations.get(handler.name());
        String ns = op == null ? null : namespace(ctx.db(), handler.name(), command);
        RoutingTable table = ns == null ? null : cache.get(ns);
        if (table == null) {
            try {
                return next.proceed(ctx, command);
            } catch (CommandFailedException e) {
                // the primary refused it as stale and the collection turned out sharded: it did not run there
                table = ns == null || e.code() != ShardingErrors.STALE_CONFIG ? null : cache.get(ns);
                if (table == null) {
                    throw e;
                }
            }
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return op.run(ctx, command, table);
            } catch (CommandFailedException e) {
                if (e.code() != ShardingErrors.STALE_CONFIG || attempt >= STALE_RETRIES || !op.retriesWhole()) {
                    throw e;
                }
                cache.staleConfigSeen();
                cache.invalidate(ns);
                table = cache.get(ns);
                if (table == null) {
                    return next.proceed(ctx, command);
                }
            }
        }
    }

    /** The namespace a command acts on ({@code explain}: its inner command's), or null. */
    static String namespace(String db, String name, BsonDocument command) {
        if (db.equals("admin") || db.equals("config") || db.equals("local")) {
            return null;
        }
        BsonDocument target = command;
        if (name.equals("explain")) {
            BsonValue inner = command.get("explain");
            if (inner == null || !inner.isDocument() || inner.asDocument().isEmpty()) {
                return null;
            }
            target = inner.asDocument();
        }
        BsonValue coll = target.get(target.getFirstKey());
        return coll != null && coll.isString() && !coll.asString().getValue().isEmpty()
                ? db + "." + coll.asString().getValue() : null;
    }
}
