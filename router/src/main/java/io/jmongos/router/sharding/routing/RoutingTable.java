package io.jmongos.router.sharding.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.bson.BsonDocument;

import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.router.sharding.ChunkVersion;
import io.jmongos.router.sharding.ShardKeyPattern;
import io.jmongos.router.sharding.catalog.ChunkEntry;
import io.jmongos.router.sharding.catalog.CollectionEntry;

/**
 * One sharded collection's chunks as a router caches them (MongoDB's {@code ChunkManager}): the chunks ordered by
 * their lower bound, the collection version (the highest chunk version) and each shard's version (the highest of its
 * chunks; a shard without chunks is at {@code 0|0} of the same incarnation, as MongoDB's placement versions are).
 */
public final class RoutingTable {
    private final CollectionEntry collection;
    private final ShardKeyPattern key;
    private final NavigableMap<BsonDocument, ChunkEntry> byMin =
            new TreeMap<>(BsonValueComparator::compareDocuments);
    private final Map<String, ChunkVersion> shardVersions = new TreeMap<>();
    private final ChunkVersion collectionVersion;

    public RoutingTable(CollectionEntry collection, List<ChunkEntry> chunks) {
        this.collection = collection;
        this.key = ShardKeyPattern.parse(collection.key());
        ChunkVersion highest = version(0, 0);
        for (ChunkEntry c : chunks) {
            byMin.put(c.min(), c);
            ChunkVersion v = version(c.major(), c.minor());
            shardVersions.merge(c.shard(), v, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            if (v.compareTo(highest) > 0) {
                highest = v;
            }
        }
        this.collectionVersion = highest;
    }

    private ChunkVersion version(int major, int minor) {
        return new ChunkVersion(collection.epoch(), collection.timestamp(), major, minor);
    }

    public CollectionEntry collection() {
        return collection;
    }

    public ShardKeyPattern key() {
        return key;
    }

    public ChunkVersion collectionVersion() {
        return collectionVersion;
    }

    /** The version of {@code shard} for this collection: its newest chunk's, or 0|0 when it owns none. */
    public ChunkVersion shardVersion(String shard) {
        ChunkVersion v = shardVersions.get(shard);
        return v != null ? v : version(0, 0);
    }

    /** The shards that own chunks, sorted by name. */
    public List<String> shards() {
        return new ArrayList<>(shardVersions.keySet());
    }

    /** The chunk whose range holds {@code shardKey} (a full shard key, hashed field already hashed). */
    public ChunkEntry chunkFor(BsonDocument shardKey) {
        Map.Entry<BsonDocument, ChunkEntry> e = byMin.floorEntry(shardKey);
        return e == null ? byMin.firstEntry().getValue() : e.getValue();
    }

    /** The chunks in range order. */
    public List<ChunkEntry> chunks() {
        return Collections.unmodifiableList(new ArrayList<>(byMin.values()));
    }
}
