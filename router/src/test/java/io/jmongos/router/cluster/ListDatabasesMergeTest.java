package io.jmongos.router.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** mongos's listDatabases merge: sums per database, the shards breakdown, admin and config from the config server. */
class ListDatabasesMergeTest {
    private static BsonDocument reply(String json) {
        return BsonDocument.parse(json);
    }

    @Test
    void sumsEachDatabaseOverItsShardsWithTheBreakdown() {
        BsonDocument out = new ListDatabasesMerge(false)
                .add("shard0000", false, reply("{databases: [{name: 'shop', sizeOnDisk: {$numberLong: '300'}},"
                        + " {name: 'only_a', sizeOnDisk: {$numberLong: '40'}}]}"))
                .add("shard0001", false, reply("{databases: [{name: 'shop', sizeOnDisk: {$numberLong: '700'}}]}"))
                .reply();
        assertThat(out.toJson()).isEqualTo(reply("{databases: ["
                + "{name: 'only_a', sizeOnDisk: {$numberLong: '40'}, empty: false, shards: {shard0000: {$numberLong: '40'}}},"
                + "{name: 'shop', sizeOnDisk: {$numberLong: '1000'}, empty: false,"
                + " shards: {shard0000: {$numberLong: '300'}, shard0001: {$numberLong: '700'}}}],"
                + " totalSize: {$numberLong: '1040'}, totalSizeMb: {$numberLong: '0'}}").toJson());
    }

    @Test
    void adminComesOnlyFromTheConfigServerWhichGivesNothingElseButConfig() {
        BsonDocument out = new ListDatabasesMerge(false)
                .add("shard0000", false, reply("{databases: [{name: 'admin', sizeOnDisk: 5}, {name: 'config', "
                        + "sizeOnDisk: 7}, {name: 'local', sizeOnDisk: 9}, {name: 'app', sizeOnDisk: 11}]}"))
                .add("config", true, reply("{databases: [{name: 'admin', sizeOnDisk: 100}, {name: 'config', "
                        + "sizeOnDisk: 200}, {name: 'app', sizeOnDisk: 1000}, {name: 'local', sizeOnDisk: 3}]}"))
                .reply();
        assertThat(out.getArray("databases")).extracting(v -> v.asDocument().getString("name").getValue())
                .containsExactly("admin", "app", "config");
        BsonDocument admin = out.getArray("databases").get(0).asDocument();
        assertThat(admin.getInt64("sizeOnDisk").getValue()).isEqualTo(100);
        assertThat(admin.getDocument("shards").keySet()).containsExactly("config");
        BsonDocument app = out.getArray("databases").get(1).asDocument();
        assertThat(app.getInt64("sizeOnDisk").getValue()).as("the config server's 'app' is not counted").isEqualTo(11);
        BsonDocument config = out.getArray("databases").get(2).asDocument();
        assertThat(config.getInt64("sizeOnDisk").getValue()).isEqualTo(207);
        assertThat(config.getDocument("shards").keySet()).containsExactly("shard0000", "config");
        assertThat(out.getInt64("totalSize").getValue()).isEqualTo(318);
    }

    @Test
    void anEmptyDatabaseOnEveryShardIsEmptyWithSizeOne() {
        BsonDocument out = new ListDatabasesMerge(false)
                .add("shard0000", false, reply("{databases: [{name: 'e', sizeOnDisk: 1}, {name: 'm', sizeOnDisk: 1}]}"))
                .add("shard0001", false, reply("{databases: [{name: 'e', sizeOnDisk: 1}, {name: 'm', sizeOnDisk: 50}]}"))
                .reply();
        BsonDocument e = out.getArray("databases").get(0).asDocument();
        assertThat(e.getInt64("sizeOnDisk").getValue()).isEqualTo(1);
        assertThat(e.getBoolean("empty").getValue()).isTrue();
        BsonDocument m = out.getArray("databases").get(1).asDocument();
        assertThat(m.getInt64("sizeOnDisk").getValue())
                .as("mongos's sum: a 1 is kept when it comes first, then real sizes add to it").isEqualTo(51);
        assertThat(m.getBoolean("empty").getValue()).isFalse();
        BsonDocument reversed = new ListDatabasesMerge(false)
                .add("shard0001", false, reply("{databases: [{name: 'm', sizeOnDisk: 50}]}"))
                .add("shard0000", false, reply("{databases: [{name: 'm', sizeOnDisk: 1}]}"))
                .reply().getArray("databases").get(0).asDocument();
        assertThat(reversed.getInt64("sizeOnDisk").getValue()).as("a 1 after a real size adds nothing").isEqualTo(50);
    }

    @Test
    void nameOnlyListsNamesWithoutTotals() {
        BsonDocument out = new ListDatabasesMerge(true)
                .add("shard0000", false, reply("{databases: [{name: 'b'}, {name: 'a'}]}"))
                .add("shard0001", false, reply("{databases: [{name: 'a'}]}"))
                .reply();
        assertThat(out.toJson()).isEqualTo(reply("{databases: [{name: 'a'}, {name: 'b'}]}").toJson());
    }
}
