package io.jmongos.router.cluster;

import java.util.Map;
import java.util.TreeMap;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * mongos's listDatabases answer from its shards' answers ({@code cluster_list_databases_cmd.cpp}): every database of
 * every shard, by name; {@code admin} only from the config server and nothing else from it but {@code admin} and
 * {@code config}; {@code local} left out (every shard has its own); per database the sum of the shards'
 * {@code sizeOnDisk} (a shard's 1, MongoDB's "exists but empty", counts once), {@code empty} when that sum is 1, and
 * {@code shards: {<shard name>: sizeOnDisk}}; {@code totalSize} and {@code totalSizeMb} over the listed databases.
 * With {@code nameOnly} only the names. One instance per command; not thread-safe.
 */
final class ListDatabasesMerge {
    /** MongoDB's size of a database that exists but holds nothing. */
    static final long EMPTY_SIZE = 1;
    static final long BYTES_PER_MB = 1024 * 1024;

    private final boolean nameOnly;
    private final Map<String, Long> sizes = new TreeMap<>();
    private final Map<String, BsonDocument> byShard = new TreeMap<>();

    ListDatabasesMerge(boolean nameOnly) {
        this.nameOnly = nameOnly;
    }

    /** Add one shard's ok reply; {@code configServer}: the reply is the config server's. */
    ListDatabasesMerge add(String shardName, boolean configServer, BsonDocument reply) {
        for (BsonValue v : reply.getArray("databases", new BsonArray())) {
            if (!v.isDocument() || !v.asDocument().isString("name")) {
                continue;
            }
            BsonDocument db = v.asDocument();
            String name = db.getString("name").getValue();
            boolean configDb = name.equals("admin") || name.equals("config");
            if (name.equals("admin") && !configServer || configServer && !configDb) {
                continue;
            }
            long size = db.isNumber("sizeOnDisk") ? db.getNumber("sizeOnDisk").longValue() : 0;
            long sum = sizes.getOrDefault(name, 0L);
            sizes.put(name, size == EMPTY_SIZE ? Math.max(sum, EMPTY_SIZE) : sum + size);
            byShard.computeIfAbsent(name, k -> new BsonDocument()).put(shardName, new BsonInt64(size));
        }
        return this;
    }

    /** The reply: {@code databases} (ordered by name) and, without nameOnly, the totals. */
    BsonDocument reply() {
        BsonArray dbs = new BsonArray();
        long total = 0;
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            String name = e.getKey();
            long size = e.getValue();
            if (name.equals("local")) {
                continue;
            }
            BsonDocument item = new BsonDocument("name", new BsonString(name));
            if (!nameOnly) {
                if (size < 0) {
                    throw new CommandFailedException(ErrorCode.BAD_VALUE, "Found negative 'sizeOnDisk' in: " + name);
                }
                item.append("sizeOnDisk", new BsonInt64(size)).append("empty", BsonBoolean.valueOf(size == EMPTY_SIZE))
                        .append("shards", byShard.get(name));
                total += size;
            }
            dbs.add(item);
        }
        BsonDocument reply = new BsonDocument("databases", dbs);
        if (!nameOnly) {
            reply.append("totalSize", new BsonInt64(total)).append("totalSizeMb", new BsonInt64(total / BYTES_PER_MB));
        }
        return reply;
    }
}
