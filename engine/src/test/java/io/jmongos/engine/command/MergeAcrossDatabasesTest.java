package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class MergeAcrossDatabasesTest extends EngineTestBase {
    @Test
    void mergeWritesIntoAnotherDatabase() {
        ok("{insert: 'c', documents: [{_id: 1, v: 'a'}, {_id: 2, v: 'b'}]}");
        engine.runCommand("reports", BsonDocument.parse("{insert: 'out', documents: [{_id: 1, v: 'old', keep: 1}]}"));
        ok("{aggregate: 'c', pipeline: [{$merge: {into: {db: 'reports', coll: 'out'}}}], cursor: {}}");
        BsonDocument found = engine.runCommand("reports", BsonDocument.parse("{find: 'out', sort: {_id: 1}}"));
        assertThat(found.getDocument("cursor").getArray("firstBatch")).containsExactly(
                BsonDocument.parse("{_id: 1, v: 'a', keep: 1}"), BsonDocument.parse("{_id: 2, v: 'b'}"));
        ok("{insert: 'c', documents: [{_id: 3}]}");
        BsonDocument r = fails("{aggregate: 'c', pipeline: [{$merge: {into: {db: 'reports', coll: 'out'}, "
                + "whenNotMatched: 'fail'}}], cursor: {}}", 13113);
        assertThat(r.getString("codeName").getValue()).isEqualTo("MergeStageNoMatchingDocument");
    }
}
