package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

class SnapshotReadsTest extends EngineTestBase {
    private static BsonDocument withReadConcern(String json, BsonTimestamp at) {
        BsonDocument rc = new BsonDocument("level", new org.bson.BsonString("snapshot"));
        if (at != null) {
            rc.append("atClusterTime", at);
        }
        return BsonDocument.parse(json).append("readConcern", rc);
    }

    private int xOf(BsonDocument findReply) {
        return findReply.getDocument("cursor").getArray("firstBatch").get(0).asDocument().getInt32("x").getValue();
    }

    @Test
    void readsAtAClusterTimeSeeTheSameSnapshot() {
        ok("{insert: 'c', documents: [{_id: 1, x: 11}]}");
        BsonDocument first = ok(withReadConcern("{find: 'c', filter: {_id: 1}}", null));
        BsonTimestamp at = first.getDocument("cursor").getTimestamp("atClusterTime");
        assertThat(xOf(first)).isEqualTo(11);
        ok("{update: 'c', updates: [{q: {_id: 1}, u: {$inc: {x: 1}}}]}");
        assertThat(xOf(ok(withReadConcern("{find: 'c', filter: {_id: 1}}", at)))).isEqualTo(11);
        assertThat(xOf(ok(withReadConcern("{find: 'c', filter: {_id: 1}}", null)))).isEqualTo(12);
        BsonDocument distinct = ok(withReadConcern("{distinct: 'c', key: 'x'}", at));
        assertThat(distinct.getArray("values").get(0).asInt32().getValue()).isEqualTo(11);
        assertThat(distinct.getTimestamp("atClusterTime")).isEqualTo(at);
        BsonDocument agg = ok(withReadConcern("{aggregate: 'c', pipeline: [{$match: {_id: 1}}], cursor: {}}", at));
        assertThat(xOf(agg)).isEqualTo(11);
    }

    @Test
    void snapshotReadConcernRefusedWhereMongoDbRefusesIt() {
        fails(withReadConcern("{insert: 'c', documents: [{}]}", null), 72);
        fails(withReadConcern("{findAndModify: 'c', query: {}, remove: true}", null), 72);
        fails(withReadConcern("{listCollections: 1}", null), 72);
        ok("{insert: 'c', documents: [{}]}");
        fails(withReadConcern("{find: 'c'}", new BsonTimestamp(1, 1)), 239);
        fails(BsonDocument.parse("{find: 'c', readConcern: {level: 'bogus'}}"), 9);
    }
}
