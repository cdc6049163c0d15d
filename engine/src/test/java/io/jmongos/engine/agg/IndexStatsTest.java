package io.jmongos.engine.agg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/** $indexStats counts the queries that used each index since startup. */
class IndexStatsTest extends EngineTestBase {
    private List<BsonValue> stats(String coll) {
        return ok("{aggregate: '" + coll + "', pipeline: [{$indexStats: {}}], cursor: {}}").getDocument("cursor")
                .getArray("firstBatch").getValues();
    }

    @Test
    void countsIndexUsesPerIndex() {
        ok("{insert: 'c', documents: [{_id: 1, k: 1}, {_id: 2, k: 2}]}");
        ok("{createIndexes: 'c', indexes: [{key: {k: 1}, name: 'k_1', unique: true}]}");
        ok("{find: 'c', filter: {k: 1}}");
        ok("{find: 'c', filter: {k: {$gt: 0}}}");
        ok("{find: 'c', filter: {_id: 2}}");
        ok("{update: 'c', updates: [{q: {_id: 1}, u: {$set: {x: 1}}}]}");
        ok("{find: 'c', filter: {x: 1}}");
        List<BsonValue> s = stats("c");
        assertThat(s).hasSize(2);
        BsonDocument id = s.get(0).asDocument();
        assertThat(id.getString("name").getValue()).isEqualTo("_id_");
        assertThat(id.getDocument("key")).isEqualTo(BsonDocument.parse("{_id: 1}"));
        assertThat(id.getDocument("accesses").getInt64("ops").getValue()).isEqualTo(2);
        assertThat(id.getDocument("accesses").get("since").isDateTime()).isTrue();
        assertThat(id.getString("host").getValue()).isNotEmpty();
        BsonDocument k = s.get(1).asDocument();
        assertThat(k.getString("name").getValue()).isEqualTo("k_1");
        assertThat(k.getDocument("accesses").getInt64("ops").getValue()).isEqualTo(2);
        assertThat(k.getDocument("spec").getBoolean("unique").getValue()).isTrue();
        assertThat(stats("missing")).isEmpty();
        fails("{aggregate: 'c', pipeline: [{$indexStats: {x: 1}}], cursor: {}}", 28803);
        fails("{aggregate: 'c', pipeline: [{$match: {}}, {$indexStats: {}}], cursor: {}}", 40602);
    }
}
