package io.jmongos.router.sharding.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import io.jmongos.router.sharding.ShardKeyPattern;

/** The initial layout of MongoDB's InitialSplitPolicy tests (initial_split_policy_test.cpp), without zones. */
class InitialChunksTest {
    private static final ShardKeyPattern HASHED = ShardKeyPattern.parse(BsonDocument.parse("{x: 'hashed'}"));

    private static List<String> points(ShardKeyPattern key, int n) {
        return InitialChunks.hashedSplitPoints(key, n).stream().map(BsonDocument::toJson).toList();
    }

    @Test
    void hashedSplitPointsAsMongoDb() {
        assertThat(points(HASHED, 4)).containsExactly("{\"x\": -4611686018427387902}", "{\"x\": 0}",
                "{\"x\": 4611686018427387902}");
        assertThat(points(HASHED, 3)).containsExactly("{\"x\": -3074457345618258602}",
                "{\"x\": 3074457345618258602}");
        assertThat(points(HASHED, 1)).isEmpty();
        ShardKeyPattern compound = ShardKeyPattern.parse(BsonDocument.parse("{x: 'hashed', y: 1}"));
        assertThat(points(compound, 2)).containsExactly("{\"x\": 0, \"y\": {\"$minKey\": 1}}");
    }

    @Test
    void defaultIsTwoPerShardContiguous() {
        List<InitialChunks.Chunk> chunks = InitialChunks.compute(HASHED, true, 0, List.of("s0", "s1"), "s1");
        assertThat(chunks).extracting(InitialChunks.Chunk::shard).containsExactly("s0", "s0", "s1", "s1");
        assertThat(chunks.get(0).min()).isEqualTo(HASHED.globalMin());
        assertThat(chunks.get(3).max()).isEqualTo(HASHED.globalMax());
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).min()).isEqualTo(chunks.get(i - 1).max());
        }
    }

    @Test
    void unevenCountsGoRoundRobinAndFewerChunksThanShardsStartOnThePrimary() {
        assertThat(InitialChunks.compute(HASHED, true, 4, List.of("s0", "s1", "s2"), "s2"))
                .extracting(InitialChunks.Chunk::shard).containsExactly("s0", "s1", "s2", "s0");
        assertThat(InitialChunks.compute(HASHED, true, 2, List.of("s0", "s1", "s2"), "s2"))
                .extracting(InitialChunks.Chunk::shard).containsExactly("s2", "s1");
    }

    @Test
    void rangedOrNonEmptyIsOneChunkOnThePrimary() {
        ShardKeyPattern ranged = ShardKeyPattern.parse(BsonDocument.parse("{a: 1}"));
        assertThat(InitialChunks.compute(ranged, true, 0, List.of("s0", "s1"), "s1"))
                .containsExactly(new InitialChunks.Chunk(ranged.globalMin(), ranged.globalMax(), "s1"));
        assertThat(InitialChunks.compute(HASHED, false, 0, List.of("s0", "s1"), "s0")).hasSize(1);
    }

    @Test
    void mongoDbsRefusals() {
        ShardKeyPattern ranged = ShardKeyPattern.parse(BsonDocument.parse("{a: 1}"));
        assertThatThrownBy(() -> InitialChunks.checkCount(8193 * 2, 2)).hasMessage("numInitialChunks cannot be more "
                + "than either: 16384, 8192 * number of shards; or 1000000");
        assertThatThrownBy(() -> InitialChunks.checkPolicy(ranged, 4, false, true)).hasMessage("numInitialChunks is "
                + "only supported when the collection is empty and has a hashed field in the shard key pattern");
        assertThatThrownBy(() -> InitialChunks.checkPolicy(HASHED, 4, false, false)).hasMessageContaining("empty");
        ShardKeyPattern suffix = ShardKeyPattern.parse(BsonDocument.parse("{a: 1, b: 'hashed'}"));
        assertThatThrownBy(() -> InitialChunks.checkPolicy(suffix, 4, false, true)).hasMessageContaining(
                "'numInitialChunks' can only be used when the 'presplitHashedZones' is true");
        assertThatThrownBy(() -> InitialChunks.checkPolicy(HASHED, 0, true, true)).hasMessageContaining(
                "'presplitHashedZones' is only supported when the collection is empty, zones are set up");
    }
}
