package io.jmongos.router.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry.ShardEntry;

/**
 * The router's client of the config server's {@code config} database, in MongoDB's schema: {@code config.shards}
 * ({@code {_id: name, host, state: 1}}), {@code config.databases} ({@code {_id: db, primary, version}}) and
 * {@code config.version} ({@code clusterId}). Plain CRUD with majority-free defaults; a race between routers that
 * create the same database is settled by the unique {@code _id}: the loser reads the winner's document.
 */
public final class ConfigCatalog {
    static final String CONFIG = "config";
    /** Most shards or databases one listing reads in its first batch: 100000, past any cluster jmongos serves. */
    static final int LIST_LIMIT = 100_000;

    private final Shard config;

    public ConfigCatalog(Shard config) {
        this.config = config;
    }

    /** The config server as a shard (it also holds the admin and config databases). */
    public Shard configShard() {
        return config;
    }

    /** The cluster's shards, ordered by name. */
    public List<ShardEntry> shards() {
        List<ShardEntry> out = new ArrayList<>();
        for (BsonValue v : find("shards", new BsonDocument())) {
            BsonDocument d = v.asDocument();
            out.add(new ShardEntry(d.getString("_id").getValue(), d.getString("host").getValue()));
        }
        return out;
    }

    /** The {@code config.databases} document of {@code db}, or null. */
    public BsonDocument database(String db) {
        List<BsonValue> found = find("databases", new BsonDocument("_id", new BsonString(db)));
        return found.isEmpty() ? null : found.get(0).asDocument();
    }

    /** Every {@code config.databases} document. */
    public List<BsonValue> databases() {
        return find("databases", new BsonDocument());
    }

    /**
     * The collections of {@code db} that {@code config.collections} lists as sharded (entries not marked
     * {@code unsplittable: true}); none until sharded collections exist. movePrimary leaves them where they are.
     */
    public Set<String> shardedCollections(String db) {
        Set<String> out = new TreeSet<>();
        String prefix = db + ".";
        for (BsonValue v : find("collections", new BsonDocument())) {
            BsonDocument d = v.asDocument();
            if (d.isString("_id") && d.getString("_id").getValue().startsWith(prefix)
                    && !(d.isBoolean("unsplittable") && d.getBoolean("unsplittable").getValue())) {
                out.add(d.getString("_id").getValue().substring(prefix.length()));
            }
        }
        return out;
    }

    /** Insert a document; false when its {@code _id} (or another unique key) exists already. */
    public boolean insert(String collection, BsonDocument doc) {
        BsonDocument reply = config.run(CONFIG, new BsonDocument("insert", new BsonString(collection))
                .append("documents", new BsonArray(List.of(doc)))).bodyOrThrow();
        if (reply.isArray("writeErrors") && !reply.getArray("writeErrors").isEmpty()) {
            BsonDocument err = reply.getArray("writeErrors").get(0).asDocument();
            if (err.getNumber("code").intValue() == ErrorCode.DUPLICATE_KEY.code()) {
                return false;
            }
            throw new CommandFailedException(err.getNumber("code").intValue(),
                    ErrorCode.nameOf(err.getNumber("code").intValue()), err.getString("errmsg").getValue());
        }
        return true;
    }

    /** Update the one document of {@code collection} that matches {@code filter}; returns how many matched (0, 1). */
    public int updateOne(String collection, BsonDocument filter, BsonDocument update) {
        BsonDocument reply = config.run(CONFIG, new BsonDocument("update", new BsonString(collection))
                .append("updates", new BsonArray(List.of(new BsonDocument("q", filter).append("u", update)))))
                .bodyOrThrow();
        if (reply.isArray("writeErrors") && !reply.getArray("writeErrors").isEmpty()) {
            BsonDocument err = reply.getArray("writeErrors").get(0).asDocument();
            throw new CommandFailedException(err.getNumber("code").intValue(),
                    ErrorCode.nameOf(err.getNumber("code").intValue()), err.getString("errmsg").getValue());
        }
        return reply.getNumber("n").intValue();
    }

    /** Delete the documents of {@code collection} that match {@code filter}; returns how many. */
    public int delete(String collection, BsonDocument filter) {
        BsonDocument reply = config.run(CONFIG, new BsonDocument("delete", new BsonString(collection))
                .append("deletes", new BsonArray(List.of(new BsonDocument("q", filter)
                        .append("limit", new BsonInt32(0)))))).bodyOrThrow();
        return reply.getNumber("n").intValue();
    }

    /** The cluster's id from {@code config.version}. */
    public ObjectId clusterId() {
        List<BsonValue> found = find("version", new BsonDocument());
        if (found.isEmpty() || !found.get(0).asDocument().isObjectId("clusterId")) {
            throw new CommandFailedException(ErrorCode.OPERATION_FAILED,
                    "the config server has no config.version document: is it running with --configsvr?");
        }
        return found.get(0).asDocument().getObjectId("clusterId").getValue();
    }

    private List<BsonValue> find(String collection, BsonDocument filter) {
        BsonDocument reply = config.run(CONFIG, new BsonDocument("find", new BsonString(collection))
                .append("filter", filter).append("sort", new BsonDocument("_id", new BsonInt32(1)))
                .append("batchSize", new BsonInt32(LIST_LIMIT)).append("singleBatch", BsonBoolean.TRUE))
                .bodyOrThrow();
        return reply.getDocument("cursor").getArray("firstBatch");
    }
}
