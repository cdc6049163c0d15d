package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmongos.engine.EngineStats;
import io.jmongos.engine.EngineTestBase;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class StatsCommandsTest extends EngineTestBase {
    @Test
    void dbStatsCollStatsAndEngineStats() {
        ok("{insert: 'a', documents: [{_id: 1, s: 'xx'}, {_id: 2}]}");
        ok("{insert: 'b', documents: [{_id: 1}]}");
        ok("{createIndexes: 'a', indexes: [{key: {s: 1}, name: 's_1'}]}");
        BsonDocument db = ok("{dbStats: 1}");
        assertThat(db.getInt32("collections").getValue()).isEqualTo(2);
        assertThat(db.getInt64("objects").getValue()).isEqualTo(3);
        assertThat(db.getInt32("indexes").getValue()).isEqualTo(3);
        assertThat(db.getDouble("dataSize").getValue()).isPositive();
        BsonDocument coll = ok("{collStats: 'a'}");
        assertThat(coll.getInt64("count").getValue()).isEqualTo(2);
        assertThat(coll.getInt32("nindexes").getValue()).isEqualTo(2);
        assertThat(coll.getDocument("indexSizes").keySet()).containsExactly("_id_", "s_1");
        fails("{collStats: 'nope'}", 26);
        ok("{ping: 1}");
        EngineStats stats = engine.stats();
        assertThat(stats.databases()).isEqualTo(1);
        assertThat(stats.collections()).isEqualTo(2);
        assertThat(stats.openCursors()).isZero();
    }

    @Test
    void explainExecutionStatsOfFind() {
        ok("{insert: 'a', documents: [{_id: 1, k: 1}, {_id: 2, k: 2}, {_id: 3, k: 2}]}");
        BsonDocument stats = ok("{explain: {find: 'a', filter: {k: 2}}, verbosity: 'executionStats'}")
                .getDocument("executionStats");
        assertThat(stats.getInt64("nReturned").getValue()).isEqualTo(2);
        assertThat(stats.getInt64("totalDocsExamined").getValue()).isEqualTo(3);
        assertThat(stats.getInt64("totalKeysExamined").getValue()).isZero();
        BsonDocument plan = ok("{explain: {find: 'a', filter: {k: 2}}, verbosity: 'queryPlanner'}");
        assertThat(plan.containsKey("executionStats")).isFalse();
        assertThat(plan.getDocument("queryPlanner").getString("planSummary").getValue()).isEqualTo("COLLSCAN");
    }
}
