package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

class CursorCommandsTest extends EngineTestBase {
    private void insertMany(int n) {
        BsonArray docs = new BsonArray();
        for (int i = 0; i < n; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i)).append("even", org.bson.BsonBoolean.valueOf(i % 2 == 0)));
        }
        ok(new BsonDocument("insert", new BsonString("c")).append("documents", docs));
    }

    private BsonDocument getMore(long id, Integer batchSize) {
        BsonDocument cmd = new BsonDocument("getMore", new BsonInt64(id)).append("collection", new BsonString("c"));
        if (batchSize != null) {
            cmd.append("batchSize", new BsonInt32(batchSize));
        }
        return run("test", cmd);
    }

    @Test
    void firstBatchDefaultsTo101AndGetMoreReturnsTheRest() {
        insertMany(250);
        BsonDocument cursor = ok("{find: 'c'}").getDocument("cursor");
        assertThat(cursor.getArray("firstBatch")).hasSize(101);
        long id = cursor.getInt64("id").getValue();
        assertThat(id).isNotZero();
        assertThat(cursor.getString("ns").getValue()).isEqualTo("test.c");
        assertThat(engine.stats().openCursors()).isEqualTo(1);
        BsonDocument next = getMore(id, 100).getDocument("cursor");
        assertThat(next.getArray("nextBatch")).hasSize(100);
        assertThat(next.getArray("nextBatch").get(0).asDocument().getInt32("_id").getValue()).isEqualTo(101);
        next = getMore(id, null).getDocument("cursor");
        assertThat(next.getArray("nextBatch")).hasSize(49);
        assertThat(next.getInt64("id").getValue()).isZero();
        assertThat(engine.stats().openCursors()).isZero();
        assertThat(getMore(id, null).getInt32("code").getValue()).isEqualTo(43);
    }

    @Test
    void getMoreAfterDropIsQueryPlanKilledAndFreesTheCursor() {
        insertMany(20);
        String uuid = ok("{listCollections: 1}").getDocument("cursor").getArray("firstBatch").get(0).asDocument()
                .getDocument("info").getBinary("uuid").asUuid().toString();
        long find = ok("{find: 'c', batchSize: 2}").getDocument("cursor").getInt64("id").getValue();
        long agg = ok("{aggregate: 'c', pipeline: [], cursor: {batchSize: 2}}").getDocument("cursor")
                .getInt64("id").getValue();
        ok(new BsonDocument("insert", new BsonString("other")).append("documents",
                new BsonArray(List.of(new BsonDocument("_id", new BsonInt32(1)), new BsonDocument("_id",
                        new BsonInt32(2)), new BsonDocument("_id", new BsonInt32(3))))));
        long other = ok("{find: 'other', batchSize: 1}").getDocument("cursor").getInt64("id").getValue();
        ok("{drop: 'c'}");
        assertThat(engine.stats().openCursors()).isEqualTo(3);
        for (long id : new long[] {find, agg}) {
            BsonDocument r = getMore(id, null);
            assertThat(r.getInt32("code").getValue()).as(r.toJson()).isEqualTo(175);
            assertThat(r.getString("codeName").getValue()).isEqualTo("QueryPlanKilled");
            assertThat(r.getString("errmsg").getValue())
                    .isEqualTo("Executor error during getMore :: caused by :: collection dropped. UUID " + uuid);
            assertThat(getMore(id, null).getInt32("code").getValue()).isEqualTo(43);
        }
        assertThat(engine.stats().openCursors()).isEqualTo(1);
        ok("{insert: 'c', documents: [{_id: 'new'}]}");
        ok("{dropDatabase: 1}");
        BsonDocument r = run("test", new BsonDocument("getMore", new BsonInt64(other))
                .append("collection", new BsonString("other")));
        assertThat(r.getInt32("code").getValue()).as(r.toJson()).isEqualTo(175);
        assertThat(r.getString("errmsg").getValue()).contains("collection dropped");
        assertThat(engine.stats().openCursors()).isZero();
    }

    @Test
    void cursorExhaustedExactlyAtBatchEndIsClosedAtOnce() {
        insertMany(10);
        BsonDocument cursor = ok("{find: 'c', batchSize: 10}").getDocument("cursor");
        assertThat(cursor.getArray("firstBatch")).hasSize(10);
        assertThat(cursor.getInt64("id").getValue()).isZero();
        cursor = ok("{find: 'c', limit: 5, batchSize: 2}").getDocument("cursor");
        long id = cursor.getInt64("id").getValue();
        List<BsonValue> seen = new ArrayList<>(cursor.getArray("firstBatch"));
        while (id != 0) {
            BsonDocument next = getMore(id, 2).getDocument("cursor");
            seen.addAll(next.getArray("nextBatch"));
            id = next.getInt64("id").getValue();
        }
        assertThat(seen).hasSize(5);
        assertThat(engine.stats().openCursors()).isZero();
    }

    @Test
    void singleBatchAndBatchSizeZero() {
        insertMany(20);
        BsonDocument cursor = ok("{find: 'c', batchSize: 5, singleBatch: true}").getDocument("cursor");
        assertThat(cursor.getArray("firstBatch")).hasSize(5);
        assertThat(cursor.getInt64("id").getValue()).isZero();
        cursor = ok("{find: 'c', batchSize: 0}").getDocument("cursor");
        assertThat(cursor.getArray("firstBatch")).isEmpty();
        long id = cursor.getInt64("id").getValue();
        assertThat(id).isNotZero();
        assertThat(getMore(id, null).getDocument("cursor").getArray("nextBatch")).hasSize(20);
    }

    @Test
    void batchesAreCappedAt16MiB() {
        String mib = "y".repeat(1024 * 1024);
        for (int i = 0; i < 20; i++) {
            ok(new BsonDocument("insert", new BsonString("c")).append("documents", new BsonArray(List.of(
                    new BsonDocument("_id", new BsonInt32(i)).append("s", new BsonString(mib))))));
        }
        BsonDocument cursor = ok("{find: 'c', batchSize: 1000}").getDocument("cursor");
        int first = cursor.getArray("firstBatch").size();
        assertThat(first).isBetween(14, 15);
        long id = cursor.getInt64("id").getValue();
        BsonDocument next = getMore(id, null).getDocument("cursor");
        assertThat(first + next.getArray("nextBatch").size()).isEqualTo(20);
        assertThat(next.getInt64("id").getValue()).isZero();
    }

    @Test
    void killCursorsAndNamespaceChecks() {
        insertMany(300);
        long id = ok("{find: 'c'}").getDocument("cursor").getInt64("id").getValue();
        BsonDocument wrongNs = run("test", new BsonDocument("getMore", new BsonInt64(id))
                .append("collection", new BsonString("other")));
        assertThat(wrongNs.getInt32("code").getValue()).isEqualTo(13);
        BsonDocument killed = ok(new BsonDocument("killCursors", new BsonString("c"))
                .append("cursors", new BsonArray(List.of(new BsonInt64(id), new BsonInt64(12345)))));
        assertThat(killed.getArray("cursorsKilled")).containsExactly(new BsonInt64(id));
        assertThat(killed.getArray("cursorsNotFound")).containsExactly(new BsonInt64(12345));
        assertThat(getMore(id, null).getInt32("code").getValue()).isEqualTo(43);
        assertThat(engine.stats().openCursors()).isZero();
    }

    @Test
    void cursorReadsItsSnapshotWhileOthersWrite() {
        insertMany(200);
        long id = ok("{find: 'c', batchSize: 10}").getDocument("cursor").getInt64("id").getValue();
        ok("{delete: 'c', deletes: [{q: {}, limit: 0}]}");
        ok("{insert: 'c', documents: [{_id: 1000}]}");
        int total = 10;
        while (id != 0) {
            BsonDocument next = getMore(id, 50).getDocument("cursor");
            total += next.getArray("nextBatch").size();
            id = next.getInt64("id").getValue();
        }
        assertThat(total).isEqualTo(200);
    }

    @Test
    void cursorIdsAreDistinctAndNonZero() {
        insertMany(300);
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            long id = ok("{find: 'c', batchSize: 1}").getDocument("cursor").getInt64("id").getValue();
            assertThat(id).isNotZero();
            assertThat(ids.add(id)).isTrue();
        }
        assertThat(engine.stats().openCursors()).isEqualTo(50);
    }
}
