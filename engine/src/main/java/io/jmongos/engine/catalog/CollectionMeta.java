package io.jmongos.engine.catalog;

import java.util.List;
import java.util.UUID;

import io.jmongos.engine.storage.Keys;
import org.bson.BsonDocument;

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

    public CollectionMeta withIndexes(List<IndexMeta> newIndexes) {
        return new CollectionMeta(ns, uuid, id, options, newIndexes, version + 1);
    }
}
