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
        // MongoDB's appendNumber: int32 statistics while they fit below 2^30
        assertThat(coll.getInt32("count").getValue()).isEqualTo(2);
        assertThat(coll.getInt32("size").getValue()).isPositive();
        assertThat(coll.get("storageSize").isInt32()).isTrue();
        assertThat(coll.get("totalIndexSize").isInt32()).isTrue();
        assertThat(coll.get("avgObjSize").isInt32()).isTrue();
        assertThat(coll.getInt32("scaleFactor").getValue()).isEqualTo(1);
        assertThat(coll.getInt32("nindexes").getValue()).isEqualTo(2);
        assertThat(coll.getDocument("indexSizes").keySet()).containsExactly("_id_", "s_1");
        assertThat(coll.getDocument("indexSizes").get("s_1").isInt32()).isTrue();
        // a missing collection: zeros, not NamespaceNotFound (MongoDB 7)
        BsonDocument missing = ok("{collStats: 'nope'}");
        assertThat(missing.getString("ns").getValue()).isEqualTo("test.nope");
        assertThat(missing.getInt32("count").getValue()).isZero();
        assertThat(missing.getInt32("size").getValue()).isZero();
        assertThat(missing.getInt32("nindexes").getValue()).isZero();
        assertThat(missing.getDocument("indexSizes")).isEmpty();
        // $collStats on it is still 26, with MongoDB's context prefixes
        BsonDocument agg = fails("{aggregate: 'nope', pipeline: [{$collStats: {storageStats: {}}}], cursor: {}}", 26);
        assertThat(agg.getString("errmsg").getValue()).isEqualTo("PlanExecutor error during aggregation :: caused by "
                + ":: Unable to retrieve storageStats in $collStats stage :: caused by :: Collection [test.nope] not "
                + "found.");
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
