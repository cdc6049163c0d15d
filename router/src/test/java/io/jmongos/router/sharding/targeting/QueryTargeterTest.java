package io.jmongos.router.sharding.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import io.jmongos.router.sharding.catalog.ChunkEntry;
import io.jmongos.router.sharding.catalog.CollectionEntry;
import io.jmongos.router.sharding.routing.RoutingTable;

/** Which shards each kind of predicate reaches, over ranged, compound and hashed keys. */
class QueryTargeterTest {
    private static RoutingTable table(String key, String... boundsAndShards) {
        UUID uuid = UUID.randomUUID();
        CollectionEntry entry = new CollectionEntry("db.c", uuid, new ObjectId(), new BsonTimestamp(1, 1), 0,
                BsonDocument.parse(key), false, false, null);
        List<ChunkEntry> chunks = new ArrayList<>();
        for (int i = 0; i + 2 < boundsAndShards.length; i += 2) {
            chunks.add(new ChunkEntry(new ObjectId(), uuid, BsonDocument.parse(boundsAndShards[i]),
                    BsonDocument.parse(boundsAndShards[i + 2]), boundsAndShards[i + 1], 1, i / 2,
                    new BsonTimestamp(1, 1), new BsonArray()));
        }
        return new RoutingTable(entry, chunks);
    }

    private static final RoutingTable RANGED = table("{a: 1}", "{a: {$minKey: 1}}", "s0", "{a: 0}", "s1",
            "{a: 10}", "s2", "{a: {$maxKey: 1}}");

    private static List<String> target(RoutingTable t, String filter) {
        return new ArrayList<>(QueryTargeter.shards(t, BsonDocument.parse(filter)));
    }

    @Test
    void equalityAndInGoToTheOwningShards() {
        assertThat(target(RANGED, "{a: 5}")).containsExactly("s1");
        assertThat(target(RANGED, "{a: {$eq: -3}, b: 7}")).containsExactly("s0");
        assertThat(target(RANGED, "{a: {$in: [-1, 15]}}")).containsExactly("s0", "s2");
        assertThat(target(RANGED, "{a: null}")).containsExactly("s0");
    }

    @Test
    void rangesGoToTheOverlappingChunks() {
        assertThat(target(RANGED, "{a: {$gte: 0, $lt: 9}}")).containsExactly("s1");
        assertThat(target(RANGED, "{a: {$gt: 12}}")).containsExactly("s2");
        assertThat(target(RANGED, "{a: {$lt: 0}}")).containsExactly("s0");
        assertThat(target(RANGED, "{$and: [{a: {$gt: 1}}, {a: {$lt: 5}}]}")).containsExactly("s1");
        assertThat(target(RANGED, "{a: {$in: [1, 2, 30]}, $and: [{a: {$lt: 10}}]}")).containsExactly("s1");
    }

    @Test
    void orUnitesItsBranches() {
        assertThat(target(RANGED, "{$or: [{a: 5}, {a: 20}]}")).containsExactly("s1", "s2");
        assertThat(target(RANGED, "{$or: [{a: 5}, {b: 20}]}")).containsExactly("s0", "s1", "s2");
    }

    @Test
    void anythingElseGoesEverywhere() {
        for (String f : List.of("{}", "{b: 1}", "{a: {$ne: 5}}", "{a: {$nin: [5]}}", "{a: /x/}", "{a: {$exists: true}}",
                "{a: [1, 2]}", "{a: {$not: {$gt: 5}}}", "{$expr: {$eq: ['$a', 5]}}")) {
            assertThat(target(RANGED, f)).as(f).containsExactly("s0", "s1", "s2");
        }
        assertThat(target(RANGED, "{a: {$in: []}}")).hasSize(1);
    }

    @Test
    void compoundKeysNarrowOnTheirPrefix() {
        RoutingTable t = table("{a: 1, b: 1}", "{a: {$minKey: 1}, b: {$minKey: 1}}", "s0", "{a: 5, b: 0}", "s1",
                "{a: 5, b: 10}", "s2", "{a: {$maxKey: 1}, b: {$maxKey: 1}}");
        assertThat(target(t, "{a: 5, b: 3}")).containsExactly("s1");
        assertThat(target(t, "{a: 5, b: {$gte: 12}}")).containsExactly("s2");
        assertThat(target(t, "{a: 5}")).containsExactly("s0", "s1", "s2");
        assertThat(target(t, "{a: 1}")).containsExactly("s0");
        assertThat(target(t, "{b: 3}")).containsExactly("s0", "s1", "s2");
    }

    @Test
    void hashedKeysNarrowOnEqualityAndInOnly() {
        // hash(42) = -944302157085130861 and hash(0) = 4854801880128277513 (hasher_test.cpp)
        RoutingTable t = table("{h: 'hashed'}", "{h: {$minKey: 1}}", "s0", "{h: {$numberLong: '0'}}", "s1",
                "{h: {$maxKey: 1}}");
        assertThat(target(t, "{h: 42}")).containsExactly("s0");
        assertThat(target(t, "{h: 0}")).containsExactly("s1");
        assertThat(target(t, "{h: {$in: [42, 0]}}")).containsExactly("s0", "s1");
        assertThat(target(t, "{h: {$gt: 42}}")).containsExactly("s0", "s1");
    }
}
