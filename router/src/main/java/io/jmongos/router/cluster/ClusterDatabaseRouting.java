package io.jmongos.router.cluster;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.UuidRepresentation;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.shard.DatabaseRoute;
import io.jmongos.router.shard.DatabaseRouting;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry;
import io.jmongos.router.shard.ShardReply;

/**
 * Where databases live in a cluster: {@code config.databases} as the config server holds it, cached per database
 * (mongos's CatalogCache). {@code admin} and {@code config} live on the config server, as in MongoDB. A database
 * is created on its first write: its primary is the shard with the least data (MongoDB's choice,
 * {@code ShardingCatalogManager::_selectShardForNewDatabase}), recorded through the config server, where two
 * routers creating it at the same moment meet on the unique {@code _id}: the loser reads the winner's entry.
 */
public final class ClusterDatabaseRouting implements DatabaseRouting {
    private final ConfigCatalog catalog;
    private final ShardRegistry shards;
    private final Map<String, DatabaseRoute> cache = new ConcurrentHashMap<>();

    public ClusterDatabaseRouting(ConfigCatalog catalog, ShardRegistry shards) {
        this.catalog = catalog;
        this.shards = shards;
    }

    /** Databases the config server holds itself. */
    static boolean onConfigServer(String db) {
        return db.equals("admin") || db.equals("config");
    }

    @Override
    public DatabaseRoute route(String db, boolean create) {
        if (onConfigServer(db)) {
            return new DatabaseRoute(db, catalog.configShard(), null, true);
        }
        DatabaseRoute cached = cache.get(db);
        if (cached != null && (cached.exists() || !create)) {
            return cached;
        }
        BsonDocument entry = catalog.database(db);
        if (entry == null && create) {
            entry = createDatabase(db);
        }
        DatabaseRoute route = entry == null ? absent(db) : routeOf(db, entry);
        if (entry != null) {
            cache.put(db, route);
        }
        return route;
    }

    /** A database nobody created: reads see it empty on any shard, unversioned. */
    private DatabaseRoute absent(String db) {
        List<Shard> all = shards.all();
        if (all.isEmpty()) {
            throw new CommandFailedException(ErrorCode.SHARD_NOT_FOUND,
                    "The cluster has no shards: add one with addShard");
        }
        return new DatabaseRoute(db, all.get(0), null, false);
    }

    private DatabaseRoute routeOf(String db, BsonDocument entry) {
        String primary = entry.getString("primary").getValue();
        if (!shards.contains(primary)) {
            shards.update(catalog.shards());
        }
        return new DatabaseRoute(db, shards.get(primary), entry.getDocument("version"), true);
    }

    /** Record a new database on the shard with the least data; the loser of a race reads the winner's entry. */
    private BsonDocument createDatabase(String db) {
        if (shards.all().isEmpty()) {
            shards.update(catalog.shards());
        }
        Shard primary = leastLoaded();
        BsonDocument version = new BsonDocument("uuid", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD))
                .append("timestamp", new BsonTimestamp((int) (System.currentTimeMillis() / 1000), 1))
                .append("lastMod", new BsonInt32(1));
        BsonDocument entry = new BsonDocument("_id", new BsonString(db))
                .append("primary", new BsonString(primary.name())).append("version", version);
        if (!catalog.insert("databases", entry)) {
            entry = catalog.database(db);
            if (entry == null) {
                throw new CommandFailedException(ErrorCode.OPERATION_FAILED,
                        "database " + db + " was created and dropped at once; try again");
            }
        }
        return entry;
    }

    /** The shard with the least data ({@code listDatabases.totalSize}); the first by name on a tie. */
    private Shard leastLoaded() {
        Shard best = null;
        long bestSize = Long.MAX_VALUE;
        for (Shard s : shards.all()) {
            ShardReply r = s.run("admin", new BsonDocument("listDatabases", new BsonInt32(1))
                    .append("nameOnly", BsonBoolean.FALSE));
            long size = r.ok() && r.raw().isNumber("totalSize") ? r.raw().getNumber("totalSize").longValue()
                    : Long.MAX_VALUE - 1;
            if (size < bestSize) {
                best = s;
                bestSize = size;
            }
        }
        if (best == null) {
            throw new CommandFailedException(ErrorCode.SHARD_NOT_FOUND,
                    "The cluster has no shards: add one with addShard");
        }
        return best;
    }

    @Override
    public Shard primaryIfKnown(String db) {
        DatabaseRoute r = cache.get(db);
        return r == null ? null : r.primary();
    }

    /** How many databases' placements this router holds (serverStatus shardingStatistics.catalogCache). */
    public int cachedEntries() {
        return cache.size();
    }

    @Override
    public void invalidate(String db) {
        cache.remove(db);
    }
}
