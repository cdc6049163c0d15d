package io.jmongos.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import io.jmongos.engine.EngineTestBase;

/** Hashed index fields, as a hashed shard key needs them: created, listed, kept in step, never planned on. */
class HashedIndexTest extends EngineTestBase {
    @Test
    void aHashedIndexIsCreatedListedAndQueriesStillAnswer() {
        ok("{createIndexes: 'c', indexes: [{key: {a: 'hashed'}, name: 'a_hashed'}]}");
        ok("{insert: 'c', documents: [{_id: 1, a: 42}, {_id: 2, a: 'x'}, {_id: 3}]}");
        BsonDocument list = ok("{listIndexes: 'c'}");
        assertThat(list.getDocument("cursor").getArray("firstBatch").get(1).asDocument().getDocument("key"))
                .isEqualTo(BsonDocument.parse("{a: 'hashed'}"));
        BsonDocument found = ok("{find: 'c', filter: {a: 42}}");
        assertThat(found.getDocument("cursor").getArray("firstBatch")).hasSize(1);
        BsonDocument hinted = ok("{find: 'c', filter: {a: {$gt: 0}}, hint: 'a_hashed'}");
        assertThat(hinted.getDocument("cursor").getArray("firstBatch")).hasSize(1);
        ok("{createIndexes: 'd', indexes: [{key: {b: 1, a: 'hashed'}, name: 'b_1_a_hashed'}]}");
    }

    @Test
    void mongoDbsRefusals() {
        ok("{createIndexes: 'c', indexes: [{key: {a: 'hashed'}, name: 'a_hashed'}]}");
        BsonDocument r = run("{insert: 'c', documents: [{_id: 1, a: [1, 2]}]}");
        assertThat(r.getArray("writeErrors").get(0).asDocument().getInt32("code").getValue()).isEqualTo(16766);
        assertThat(r.getArray("writeErrors").get(0).asDocument().getString("errmsg").getValue())
                .isEqualTo("hashed indexes do not currently support array values. Found array at path: a");
        fails("{createIndexes: 'd', indexes: [{key: {a: 'hashed', b: 'hashed'}, name: 'x'}]}", 67);
        fails("{createIndexes: 'd', indexes: [{key: {a: 'hashed'}, name: 'x', unique: true}]}", 67);
        fails("{createIndexes: 'd', indexes: [{key: {a: 'text'}, name: 'x'}]}", 67);
    }
}
