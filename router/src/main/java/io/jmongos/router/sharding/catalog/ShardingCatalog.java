package io.jmongos.router.sharding.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.bson.types.ObjectId;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;

/**
 * Reads and writes of the sharded collections' metadata on the config server, {@code config.collections} and
 * {@code config.chunks}, in MongoDB's schema, through plain commands on a {@link Shard} (the router's config server
 * connection, or a shard server's). Used by routers (shardCollection, the routing table) and shard servers (their
 * filtering metadata).
 */
public final class ShardingCatalog {
    static final String CONFIG = "config";
    static final String COLLECTIONS = "collections";
    static final String CHUNKS = "chunks";
    /**
     * Most documents one metadata read returns: 100,000 (the most chunks jmongos expects of one collection; MongoDB
     * caps numInitialChunks at 1,000,000 but nothing here reaches that, and a reply stays under 16 MiB at ~150 bytes
     * per chunk).
     */
    static final int READ_LIMIT = 100_000;
    /** Chunks per insert: 1000, well under maxWriteBatchSize (100,000) and 16 MiB. */
    static final int INSERT_BATCH = 1000;

    private final Supplier<Shard> config;

    public ShardingCatalog(Supplier<Shard> config) {
        this.config = config;
    }

    /** The config.collections entry of {@code ns}, or null when it is not sharded. */
    public CollectionEntry collection(String ns) {
        List<BsonValue> found = find(COLLECTIONS, new BsonDocument("_id", new BsonString(ns)));
        return found.isEmpty() ? null : CollectionEntry.parse(found.get(0).asDocument());
    }

    /** The sharded collections of database {@code db}, ordered by namespace. */
    public List<CollectionEntry> collections(String db) {
        List<CollectionEntry> out = new ArrayList<>();
        BsonDocument filter = new BsonDocument("_id",
                new BsonRegularExpression("^" + escape(db + ".")));
        for (BsonValue v : find(COLLECTIONS, filter)) {
            out.add(CollectionEntry.parse(v.asDocument()));
        }
        return out;
    }

    /** Every sharded collection of the cluster, ordered by namespace. */
    public List<CollectionEntry> allCollections() {
        List<CollectionEntry> out = new ArrayList<>();
        for (BsonValue v : find(COLLECTIONS, new BsonDocument())) {
            out.add(CollectionEntry.parse(v.asDocument()));
        }
        return out;
    }

    /** The chunks of the collection {@code uuid}, in config.chunks order (callers sort by range). */
    public List<ChunkEntry> chunks(UUID uuid) {
        List<ChunkEntry> out = new ArrayList<>();
        for (BsonValue v : find(CHUNKS, new BsonDocument("uuid", new BsonBinary(uuid, UuidRepresentation.STANDARD)))) {
            out.add(ChunkEntry.parse(v.asDocument()));
        }
        return out;
    }

    /** Insert chunks in batches of {@link #INSERT_BATCH}. */
    public void insertChunks(List<ChunkEntry> chunks) {
        for (int from = 0; from < chunks.size(); from += INSERT_BATCH) {
            BsonArray docs = new BsonArray();
            chunks.subList(from, Math.min(chunks.size(), from + INSERT_BATCH)).forEach(c -> docs.add(c.toBson()));
            checkWrite(run(new BsonDocument("insert", new BsonString(CHUNKS)).append("documents", docs)));
        }
    }

    /** Insert the collection entry: the commit point of shardCollection. False when another entry won the race. */
    public boolean insertCollection(CollectionEntry entry) {
        BsonDocument reply = run(new BsonDocument("insert", new BsonString(COLLECTIONS))
                .append("documents", new BsonArray(List.of(entry.toBson()))));
        if (reply.isArray("writeErrors") && !reply.getArray("writeErrors").isEmpty()) {
            BsonDocument err = reply.getArray("writeErrors").get(0).asDocument();
            if (err.getNumber("code").intValue() == ErrorCode.DUPLICATE_KEY.code()) {
                return false;
            }
            checkWrite(reply);
        }
        return true;
    }

    /**
     * Replace {@code old} (matched by {@code _id} and its {@code lastmod}, so a concurrent change wins) with
     * {@code next}; false when {@code old} is no longer as read.
     */
    public boolean replaceChunk(ChunkEntry old, ChunkEntry next) {
        BsonDocument filter = new BsonDocument("_id", new BsonObjectId(old.id()))
                .append("lastmod", new org.bson.BsonTimestamp(old.major(), old.minor()));
        BsonDocument reply = run(new BsonDocument("update", new BsonString(CHUNKS)).append("updates",
                new BsonArray(List.of(new BsonDocument("q", filter).append("u", next.toBson())))));
        checkWrite(reply);
        return reply.getNumber("n").intValue() == 1;
    }

    /** Remove a dropped collection's metadata: its chunks, then its config.collections entry. */
    public void deleteCollection(String ns, UUID uuid) {
        run(new BsonDocument("delete", new BsonString(CHUNKS)).append("deletes", new BsonArray(List.of(
                new BsonDocument("q", new BsonDocument("uuid", new BsonBinary(uuid, UuidRepresentation.STANDARD)))
                        .append("limit", new BsonInt32(0))))));
        run(new BsonDocument("delete", new BsonString(COLLECTIONS)).append("deletes", new BsonArray(List.of(
                new BsonDocument("q", new BsonDocument("_id", new BsonString(ns)))
                        .append("limit", new BsonInt32(1))))));
    }

    /** Delete the chunks with these ids (a shardCollection that lost its race removes its own). */
    public void deleteChunks(List<ObjectId> ids) {
        BsonArray in = new BsonArray();
        ids.forEach(id -> in.add(new BsonObjectId(id)));
        run(new BsonDocument("delete", new BsonString(CHUNKS)).append("deletes", new BsonArray(List.of(
                new BsonDocument("q", new BsonDocument("_id", new BsonDocument("$in", in)))
                        .append("limit", new BsonInt32(0))))));
    }

    /** {@code s} with every regular-expression metacharacter escaped by a backslash. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private List<BsonValue> find(String collection, BsonDocument filter) {
        BsonDocument reply = run(new BsonDocument("find", new BsonString(collection)).append("filter", filter)
                .append("sort", new BsonDocument("_id", new BsonInt32(1)))
                .append("batchSize", new BsonInt32(READ_LIMIT)).append("singleBatch", BsonBoolean.TRUE));
        return reply.getDocument("cursor").getArray("firstBatch");
    }

    private BsonDocument run(BsonDocument command) {
        Shard shard = config.get();
        if (shard == null) {
            throw new CommandFailedException(ErrorCode.HOST_UNREACHABLE, "no config server to read "
                    + "the sharding metadata from");
        }
        ShardReply reply = shard.run(CONFIG, command);
        return reply.bodyOrThrow();
    }

    private static void checkWrite(BsonDocument reply) {
        if (reply.isArray("writeErrors") && !reply.getArray("writeErrors").isEmpty()) {
            BsonDocument err = reply.getArray("writeErrors").get(0).asDocument();
            int code = err.getNumber("code").intValue();
            throw new CommandFailedException(code, ErrorCode.nameOf(code), err.getString("errmsg").getValue());
        }
    }
}
