package io.jmongos.router.sharding.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.sharding.ShardingErrors;

/**
 * A collection as one shard holds it (its {@code listCollections} entry, {@code listIndexes} and whether it has a
 * document), read with the router's own unversioned commands: what shardCollection checks on the primary shard and
 * copies to the other shards that receive chunks (MongoDB's {@code _shardsvrCreateCollectionParticipant} copies
 * options and indexes the same way).
 */
final class CollectionOnShard {
    private final Shard shard;
    private final String db;
    private final String collection;
    private final BsonDocument entry;
    private final List<BsonDocument> indexes;
    private final boolean empty;

    private CollectionOnShard(Shard shard, String db, String collection, BsonDocument entry,
                              List<BsonDocument> indexes, boolean empty) {
        this.shard = shard;
        this.db = db;
        this.collection = collection;
        this.entry = entry;
        this.indexes = indexes;
        this.empty = empty;
    }

    /** Read the collection; a view is 166 CommandNotSupportedOnView. */
    static CollectionOnShard read(Shard shard, String db, String collection) {
        BsonDocument list = shard.run(db, new BsonDocument("listCollections", new BsonInt32(1))
                .append("filter", new BsonDocument("name", new BsonString(collection)))).bodyOrThrow();
        BsonArray batch = list.getDocument("cursor").getArray("firstBatch");
        BsonDocument entry = batch.isEmpty() ? null : batch.get(0).asDocument();
        if (entry != null && entry.getString("type", new BsonString("collection")).getValue().equals("view")) {
            throw new CommandFailedException(ShardingErrors.COMMAND_NOT_SUPPORTED_ON_VIEW,
                    ShardingErrors.COMMAND_NOT_SUPPORTED_ON_VIEW_NAME, "Namespace " + db + "." + collection
                            + " is a view, not a collection");
        }
        List<BsonDocument> indexes = new ArrayList<>();
        boolean empty = true;
        if (entry != null) {
            BsonDocument idx = shard.run(db, new BsonDocument("listIndexes", new BsonString(collection)))
                    .bodyOrThrow();
            idx.getDocument("cursor").getArray("firstBatch").forEach(v -> indexes.add(v.asDocument()));
            BsonDocument one = shard.run(db, new BsonDocument("find", new BsonString(collection))
                    .append("limit", new BsonInt32(1)).append("singleBatch", BsonBoolean.TRUE)).bodyOrThrow();
            empty = one.getDocument("cursor").getArray("firstBatch").isEmpty();
        }
        return new CollectionOnShard(shard, db, collection, entry, indexes, empty);
    }

    boolean exists() {
        return entry != null;
    }

    boolean isEmpty() {
        return empty;
    }

    List<BsonDocument> indexes() {
        return indexes;
    }

    /** The collection's creation options (empty when it does not exist). */
    BsonDocument options() {
        return entry != null && entry.isDocument("options") ? entry.getDocument("options") : new BsonDocument();
    }

    /** The collection's uuid as this shard reports it. */
    UUID uuid() {
        BsonValue info = entry == null ? null : entry.get("info");
        if (info == null || !info.isDocument() || !info.asDocument().isBinary("uuid")) {
            throw new CommandFailedException(ErrorCode.INTERNAL_ERROR, "shard " + shard.name()
                    + " reported no uuid for " + db + "." + collection);
        }
        return info.asDocument().getBinary("uuid").asUuid(UuidRepresentation.STANDARD);
    }

    /**
     * Create the collection if it is missing and the shard key's index ({@code createShardKeyIndex}: named as
     * MongoDB names it, unique when asked, with the simple collation when the collection has a default one).
     */
    void createKeyIndex(io.jmongos.router.sharding.ShardKeyPattern key, boolean unique, boolean collated) {
        if (!exists()) {
            create(shard, new BsonDocument());
        }
        BsonDocument spec = new BsonDocument("key", key.toBson()).append("name", new BsonString(key.indexName()));
        if (unique && !key.toBson().getFirstKey().equals("_id")) {
            spec.append("unique", BsonBoolean.TRUE);
        }
        if (collated) {
            spec.append("collation", new BsonDocument("locale", new BsonString("simple")));
        }
        createIndexes(shard, new BsonArray(List.of(spec)));
    }

    /** Create this collection, with its options and indexes, on {@code other} (kept if it exists). */
    void copyTo(Shard other) {
        create(other, options());
        BsonArray specs = new BsonArray();
        for (BsonDocument idx : indexes) {
            if (!idx.getString("name").getValue().equals("_id_")) {
                BsonDocument spec = idx.clone();
                spec.remove("v");
                specs.add(spec);
            }
        }
        if (!specs.isEmpty()) {
            createIndexes(other, specs);
        }
    }

    private void create(Shard on, BsonDocument options) {
        BsonDocument cmd = new BsonDocument("create", new BsonString(collection));
        options.forEach(cmd::append);
        ShardReply r = on.run(db, cmd);
        if (!r.ok() && !r.isError(ErrorCode.NAMESPACE_EXISTS.code())) {
            throw r.error();
        }
    }

    private void createIndexes(Shard on, BsonArray specs) {
        on.run(db, new BsonDocument("createIndexes", new BsonString(collection)).append("indexes", specs))
                .bodyOrThrow();
    }
}
