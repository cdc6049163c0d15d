package io.jmongos.router.cluster;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.shard.Shard;

/**
 * Copies one collection or view of a database from the shard that holds it to another, as movePrimary's cloner
 * does: the collection is created on the recipient with the options {@code listCollections} gave (capped, validator,
 * collation ...; a view with its {@code viewOn} and {@code pipeline}), its documents are read with {@code find} and
 * written with ordered {@code insert}s (document validation bypassed: they were valid where they were written), then
 * its indexes are built from the {@code listIndexes} specs. Every command is unversioned.
 */
final class CollectionCopier {
    /** Most documents in one insert: 1000, well under maxWriteBatchSize (100000); keeps each request short. */
    static final int INSERT_BATCH_DOCUMENTS = 1000;
    /**
     * Most BSON bytes in one insert: 8 MiB, half of maxBsonObjectSize (16 MiB), so a batch and its command fields
     * stay inside one command document; a larger single document goes alone (MongoDB allows 16 MiB + 16 KiB there).
     */
    static final int INSERT_BATCH_BYTES = 8 * 1024 * 1024;
    /** The index every collection has already: not created again. */
    private static final String ID_INDEX = "_id_";

    private final Shard from;
    private final Shard to;
    private final String db;

    CollectionCopier(Shard from, Shard to, String db) {
        this.from = from;
        this.to = to;
        this.db = db;
    }

    /** The {@code listCollections} entries of the database on {@code shard}: {name, type, options ...}. */
    static List<BsonDocument> collections(Shard shard, String db) {
        return ShardCursorReader.readAll(shard, db, new BsonDocument("listCollections", new BsonInt32(1))
                .append("cursor", new BsonDocument()));
    }

    /** Copy one {@code listCollections} entry (a collection with its documents and indexes, or a view). */
    void copy(BsonDocument entry) {
        String name = entry.getString("name").getValue();
        BsonDocument create = new BsonDocument("create", new BsonString(name));
        BsonValue options = entry.get("options");
        if (options != null && options.isDocument()) {
            create.putAll(options.asDocument());
        }
        to.run(db, create).bodyOrThrow();
        if (entry.isString("type") && entry.getString("type").getValue().equals("view")) {
            return;
        }
        copyDocuments(name);
        copyIndexes(name);
    }

    private void copyDocuments(String name) {
        List<BsonDocument> pending = new ArrayList<>();
        long[] bytes = {0};
        ShardCursorReader.forEachBatch(from, db, new BsonDocument("find", new BsonString(name)), batch -> {
            for (BsonDocument d : batch) {
                RawBsonDocument raw = raw(d);
                int size = raw.getByteBuffer().remaining();
                if (!pending.isEmpty() && (pending.size() >= INSERT_BATCH_DOCUMENTS
                        || bytes[0] + size > INSERT_BATCH_BYTES)) {
                    insert(name, pending);
                    pending.clear();
                    bytes[0] = 0;
                }
                pending.add(raw);
                bytes[0] += size;
            }
        });
        if (!pending.isEmpty()) {
            insert(name, pending);
        }
    }

    private void insert(String name, List<BsonDocument> docs) {
        BsonDocument reply = to.run(db, new BsonDocument("insert", new BsonString(name))
                .append("documents", new BsonArray(new ArrayList<>(docs)))
                .append("ordered", BsonBoolean.TRUE)
                .append("bypassDocumentValidation", BsonBoolean.TRUE)).bodyOrThrow();
        if (reply.isArray("writeErrors") && !reply.getArray("writeErrors").isEmpty()) {
            BsonDocument err = reply.getArray("writeErrors").get(0).asDocument();
            throw new CommandFailedException(err.getNumber("code").intValue(),
                    ErrorCode.nameOf(err.getNumber("code").intValue()),
                    "copying " + db + "." + name + " failed: " + err.getString("errmsg").getValue());
        }
    }

    private void copyIndexes(String name) {
        BsonArray specs = new BsonArray();
        for (BsonDocument spec : ShardCursorReader.readAll(from, db, new BsonDocument("listIndexes",
                new BsonString(name)).append("cursor", new BsonDocument()))) {
            if (!spec.isString("name") || !spec.getString("name").getValue().equals(ID_INDEX)) {
                BsonDocument copy = new BsonDocument();
                spec.forEach((k, v) -> {
                    if (!k.equals("ns")) {
                        copy.put(k, v);
                    }
                });
                specs.add(copy);
            }
        }
        if (!specs.isEmpty()) {
            to.run(db, new BsonDocument("createIndexes", new BsonString(name)).append("indexes", specs))
                    .bodyOrThrow();
        }
    }

    private static RawBsonDocument raw(BsonDocument d) {
        return d instanceof RawBsonDocument r ? r : new RawBsonDocument(d, new BsonDocumentCodec());
    }
}
