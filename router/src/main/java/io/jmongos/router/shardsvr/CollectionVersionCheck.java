package io.jmongos.router.shardsvr;

import java.util.concurrent.ConcurrentHashMap;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandInterceptor;
import io.jmongos.router.sharding.ChunkVersion;
import io.jmongos.router.sharding.ShardingErrors;
import io.jmongos.router.sharding.catalog.ChunkEntry;
import io.jmongos.router.sharding.catalog.CollectionEntry;
import io.jmongos.router.sharding.catalog.ShardingCatalog;

/**
 * The shard's side of collection versioning (MongoDB's filtering metadata check): a command that carries
 * {@code shardVersion} runs only if this shard's version of the collection it names is exactly that one: its newest
 * chunk's version for a sharded collection ({@code 0|0} of the incarnation when it owns no chunk), {@code UNSHARDED}
 * for an unsharded one. The version is cached per namespace; with no entry or a different version it is read again
 * from the config server ({@code config.collections}, {@code config.chunks}); still different: 13388 StaleConfig with
 * MongoDB's extra info {@code ns}, {@code vReceived}, {@code vWanted}, {@code shardId}, and the command does not run.
 * {@code shardVersion} is consumed here: the engine never sees it. {@code _flushRoutingTableCacheUpdates} drops a
 * cached version (shardCollection sends it to every shard when it commits). While a migration holds the collection's
 * critical section here ({@code _shardsvrMigrationCriticalSection}), versioned commands on it wait (up to their
 * {@code maxTimeMS}, else 30 s, then StaleConfig), and check their version once it is released.
 */
final class CollectionVersionCheck implements CommandInterceptor {
    /** The field routers attach (MongoDB's generic argument). */
    static final String FIELD = "shardVersion";

    private final ShardingState sharding;
    private final ShardingCatalog catalog;
    private final DatabaseCriticalSections sections;
    private final ConcurrentHashMap<String, ChunkVersion> cache = new ConcurrentHashMap<>();

    /** @param sections the collections' migration critical sections, keyed by namespace */
    CollectionVersionCheck(ShardingState sharding, ShardingCatalog catalog, DatabaseCriticalSections sections) {
        this.sharding = sharding;
        this.catalog = catalog;
        this.sections = sections;
    }

    /** A versioned command may wait for a refresh from the config server: never on the I/O thread. */
    @Override
    public boolean allowsInline(CommandHandler handler, BsonDocument command) {
        return !command.containsKey(FIELD);
    }

    @Override
    public BsonDocument intercept(CommandContext ctx, CommandHandler handler, BsonDocument command,
                                  Invocation next) {
        BsonValue field = command.get(FIELD);
        if (field == null) {
            return next.proceed(ctx, command);
        }
        ChunkVersion received = ChunkVersion.parse(FIELD, field);
        BsonValue coll = command.get(command.getFirstKey());
        BsonDocument rest = without(command);
        if (coll == null || !coll.isString()) {
            return next.proceed(ctx, rest);
        }
        String ns = ctx.db() + "." + coll.asString().getValue();
        String me = sharding.requireIdentity().shardName();
        String heldFor = sections.commandBegins(ns, deadline(command));
        if (heldFor != null) {
            throw new CommandFailedException(ShardingErrors.STALE_CONFIG, ShardingErrors.STALE_CONFIG_NAME,
                    "The critical section for " + ns + " is acquired with reason: " + heldFor)
                    .with("ns", new BsonString(ns)).with("vReceived", received.toBson())
                    .with("shardId", new BsonString(me));
        }
        try {
            check(ns, me, received);
            return next.proceed(ctx, rest);
        } finally {
            sections.commandDone(ns);
        }
    }

    private void check(String ns, String me, ChunkVersion received) {
        ChunkVersion wanted = cache.get(ns);
        if (!received.equals(wanted)) {
            wanted = load(ns, me);
            cache.put(ns, wanted);
        }
        if (!received.equals(wanted)) {
            throw new CommandFailedException(ShardingErrors.STALE_CONFIG, ShardingErrors.STALE_CONFIG_NAME,
                    "version mismatch detected for " + ns)
                    .with("ns", new BsonString(ns)).with("vReceived", received.toBson())
                    .with("vWanted", wanted.toBson()).with("shardId", new BsonString(me));
        }
    }

    private static long deadline(BsonDocument command) {
        BsonValue max = command.get("maxTimeMS");
        long ms = max != null && max.isNumber() && max.asNumber().longValue() > 0 ? max.asNumber().longValue()
                : DatabaseVersionCheck.DEFAULT_CRITICAL_SECTION_WAIT_MILLIS;
        return System.nanoTime() + ms * 1_000_000L;
    }

    /** This shard's version of {@code ns} as the config server has it. */
    private ChunkVersion load(String ns, String me) {
        CollectionEntry entry = catalog.collection(ns);
        if (entry == null) {
            return ChunkVersion.UNSHARDED;
        }
        ChunkVersion mine = new ChunkVersion(entry.epoch(), entry.timestamp(), 0, 0);
        for (ChunkEntry c : catalog.chunks(entry.uuid())) {
            ChunkVersion v = new ChunkVersion(entry.epoch(), entry.timestamp(), c.major(), c.minor());
            if (c.shard().equals(me) && v.compareTo(mine) > 0) {
                mine = v;
            }
        }
        return mine;
    }

    /** Forget the cached version of {@code ns}. */
    void drop(String ns) {
        cache.remove(ns);
    }

    private static BsonDocument without(BsonDocument command) {
        BsonDocument out = new BsonDocument();
        command.forEach((k, v) -> {
            if (!k.equals(FIELD)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
