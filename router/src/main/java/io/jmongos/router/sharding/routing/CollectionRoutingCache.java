package io.jmongos.router.sharding.routing;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.router.routing.ShardVersioning;
import io.jmongos.router.sharding.ChunkVersion;
import io.jmongos.router.sharding.catalog.CollectionEntry;
import io.jmongos.router.sharding.catalog.ShardingCatalog;

/**
 * The router's cache of collection placement (MongoDB's CatalogCache for collections): per namespace, the
 * {@link RoutingTable} of a sharded collection or the knowledge that it is unsharded, read from the config server on
 * first use and again after a shard answered StaleConfig. It gives every versioned command its
 * {@code shardVersion}: the target shard's version of a sharded collection, {@link ChunkVersion#UNSHARDED} for an
 * unsharded one, as mongos attaches them.
 */
public final class CollectionRoutingCache implements ShardVersioning {
    /** Commands that carry shardVersion: those naming one collection as their first value (MongoDB's CRUD set). */
    static final Set<String> VERSIONED = Set.of("find", "aggregate", "count", "distinct", "insert", "update",
            "delete", "findAndModify", "findandmodify");

    /** The generic argument routers attach (MongoDB's name). */
    public static final String FIELD = "shardVersion";

    private final ShardingCatalog catalog;
    private final ConcurrentHashMap<String, Optional<RoutingTable>> cache = new ConcurrentHashMap<>();
    private final AtomicLong staleConfigErrors = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();

    public CollectionRoutingCache(ShardingCatalog catalog) {
        this.catalog = catalog;
    }

    /** The routing table of {@code ns}, or null when it is not sharded (cached). */
    public RoutingTable get(String ns) {
        Optional<RoutingTable> cached = cache.get(ns);
        if (cached == null) {
            cached = load(ns);
            cache.put(ns, cached);
        }
        return cached.orElse(null);
    }

    private Optional<RoutingTable> load(String ns) {
        refreshes.incrementAndGet();
        CollectionEntry entry = catalog.collection(ns);
        return entry == null ? Optional.empty() : Optional.of(new RoutingTable(entry, catalog.chunks(entry.uuid())));
    }

    /** Forget {@code ns}: the next use reads it from the config server. */
    public void invalidate(String ns) {
        cache.remove(ns);
    }

    /** The namespace a versioned command names, or null. */
    static String namespaceOf(String db, BsonDocument command) {
        if (command.isEmpty() || !VERSIONED.contains(command.getFirstKey())) {
            return null;
        }
        BsonValue coll = command.get(command.getFirstKey());
        return coll.isString() && !coll.asString().getValue().isEmpty() ? db + "." + coll.asString().getValue()
                : null;
    }

    @Override
    public void attach(String db, BsonDocument command, String shardName) {
        String ns = namespaceOf(db, command);
        if (ns == null || db.equals("admin") || db.equals("config") || db.equals("local")) {
            return;
        }
        RoutingTable t = get(ns);
        if (t == null) {
            command.put(FIELD, ChunkVersion.UNSHARDED.toBson());
        } else {
            command.put(FIELD, t.shardVersion(shardName).toBson());
            command.remove("databaseVersion");
        }
    }

    /** Count a StaleConfig answer that made the router refresh (serverStatus shardingStatistics). */
    public void staleConfigSeen() {
        staleConfigErrors.incrementAndGet();
    }

    long staleConfigErrors() {
        return staleConfigErrors.get();
    }

    long refreshes() {
        return refreshes.get();
    }

    /** Namespaces cached, sharded or not. */
    int size() {
        return cache.size();
    }

    @Override
    public boolean stale(String db, BsonDocument command) {
        staleConfigSeen();
        String ns = namespaceOf(db, command);
        if (ns == null) {
            return true;
        }
        invalidate(ns);
        return get(ns) == null;
    }
}
