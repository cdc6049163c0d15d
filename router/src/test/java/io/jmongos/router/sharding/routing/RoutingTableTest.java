package io.jmongos.router.sharding.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import io.jmongos.router.sharding.ChunkVersion;
import io.jmongos.router.sharding.catalog.ChunkEntry;
import io.jmongos.router.sharding.catalog.CollectionEntry;

/** The router's table of one collection's chunks: lookups by shard key and the versions it derives. */
class RoutingTableTest {
    private final UUID uuid = UUID.randomUUID();
    private final ObjectId epoch = new ObjectId();
    private final BsonTimestamp ts = new BsonTimestamp(100, 1);
    private final CollectionEntry entry = new CollectionEntry("db.c", uuid, epoch, ts, 0,
            BsonDocument.parse("{a: 1}"), false, false, null);

    private ChunkEntry chunk(String min, String max, String shard, int major, int minor) {
        return new ChunkEntry(new ObjectId(), uuid, BsonDocument.parse(min), BsonDocument.parse(max), shard, major,
                minor, ts, new BsonArray());
    }

    private final RoutingTable table = new RoutingTable(entry, List.of(
            chunk("{a: 10}", "{a: {$maxKey: 1}}", "s1", 2, 0),
            chunk("{a: {$minKey: 1}}", "{a: 0}", "s0", 1, 1),
            chunk("{a: 0}", "{a: 10}", "s0", 1, 2)));

    @Test
    void chunksAreOrderedAndFoundByKey() {
        assertThat(table.chunks()).extracting(c -> c.min().toJson()).containsExactly("{\"a\": {\"$minKey\": 1}}",
                "{\"a\": 0}", "{\"a\": 10}");
        assertThat(table.chunkFor(BsonDocument.parse("{a: -5}")).shard()).isEqualTo("s0");
        assertThat(table.chunkFor(BsonDocument.parse("{a: 0}")).max()).isEqualTo(BsonDocument.parse("{a: 10}"));
        assertThat(table.chunkFor(BsonDocument.parse("{a: 10}")).shard()).isEqualTo("s1");
        assertThat(table.chunkFor(BsonDocument.parse("{a: 'text'}")).shard()).isEqualTo("s1");
        assertThat(table.chunkFor(BsonDocument.parse("{a: null}")).shard()).isEqualTo("s0");
    }

    @Test
    void versionsAreTheNewestChunksOfTheCollectionAndOfEachShard() {
        assertThat(table.collectionVersion()).isEqualTo(new ChunkVersion(epoch, ts, 2, 0));
        assertThat(table.shardVersion("s0")).isEqualTo(new ChunkVersion(epoch, ts, 1, 2));
        assertThat(table.shardVersion("s1")).isEqualTo(new ChunkVersion(epoch, ts, 2, 0));
        assertThat(table.shardVersion("s9")).isEqualTo(new ChunkVersion(epoch, ts, 0, 0));
        assertThat(table.shards()).containsExactly("s0", "s1");
        assertThat(table.shardVersion("s0").toBson().toJson()).isEqualTo("{\"e\": {\"$oid\": \"" + epoch.toHexString()
                + "\"}, \"t\": {\"$timestamp\": {\"t\": 100, \"i\": 1}}, \"v\": {\"$timestamp\": {\"t\": 1, \"i\": 2}}}");
        assertThat(ChunkVersion.parse("shardVersion", table.shardVersion("s1").toBson()))
                .isEqualTo(table.shardVersion("s1"));
        assertThat(ChunkVersion.UNSHARDED.isUnsharded()).isTrue();
    }
}
