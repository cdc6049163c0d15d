package io.jmongos.engine.catalog;

import java.util.List;
import java.util.UUID;

import io.jmongos.engine.storage.Keys;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * An immutable catalog entry: a collection's namespace, uuid, storage prefix, options and indexes. DDL
 * replaces the entry with a new version; writers in a multi-statement transaction check at commit that the
 * versions they wrote under are still current.
 */
public record CollectionMeta(Namespace ns, UUID uuid, long id, BsonDocument options, List<IndexMeta> indexes,
                             long version) {
    /** The name of the implicit _id index (the record store itself). */
    public static final String ID_INDEX_NAME = "_id_";

    public CollectionMeta {
        indexes = List.copyOf(indexes);
    }

    /** The 8-byte prefix of this collection's records. */
    public byte[] recordPrefix() {
        return Keys.prefix(id);
    }

    public IndexMeta index(String name) {
        for (IndexMeta i : indexes) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    /** True for a capped collection (option {@code capped: true}). */
    public boolean capped() {
        BsonValue v = options.get("capped");
        return v != null && v.isBoolean() && v.asBoolean().getValue();
    }

    /** A capped collection's maximum data size in bytes (option {@code size}), or 0. */
    public long cappedSize() {
        BsonValue v = options.get("size");
        return capped() && v != null && v.isNumber() ? v.asNumber().longValue() : 0;
    }

    /** A capped collection's maximum document count (option {@code max}), or 0 for no limit. */
    public long cappedMax() {
        BsonValue v = options.get("max");
        return capped() && v != null && v.isNumber() ? v.asNumber().longValue() : 0;
    }

    /**
     * The prefix of a capped collection's insertion-order entries in the indexes column family. Index ids and
     * collection ids come from one counter, so the collection's own id is free there.
     */
    public byte[] naturalPrefix() {
        return Keys.prefix(id);
    }

    public CollectionMeta withIndexes(List<IndexMeta> newIndexes) {
        return new CollectionMeta(ns, uuid, id, options, newIndexes, version + 1);
    }
}
