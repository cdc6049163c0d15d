package io.jmongos.engine.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.jmongos.engine.EngineOptions;
import io.jmongos.engine.EngineTestBase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/** An engine whose change log keeps only a few KiB: old changes are dropped and streams that need them fail. */
class ChangeLogEvictionEngineTest extends EngineTestBase {
    /** Room for a dozen or so small insert records. */
    private static final long SMALL_LOG_BYTES = 4096;

    @Override
    protected EngineOptions options() {
        return EngineOptions.inMemory().withChangeLogMaxBytes(SMALL_LOG_BYTES);
    }

    private void insertMany(int from, int count) {
        BsonArray docs = new BsonArray();
        for (int i = from; i < from + count; i++) {
            docs.add(new BsonDocument("_id", new org.bson.BsonInt32(i)).append("pad", new BsonString("x".repeat(64))));
        }
        ok(new BsonDocument("insert", new BsonString("c")).append("documents", docs));
    }

    @Test
    void aStreamThatFellBehindTheLogAndOldTokensGetChangeStreamHistoryLost() {
        BsonDocument opened = ok("{aggregate: 'c', pipeline: [{$changeStream: {}}], cursor: {batchSize: 0}}");
        long id = opened.getDocument("cursor").getInt64("id").getValue();
        insertMany(0, 2);
        BsonDocument first = ok(new BsonDocument("getMore", new BsonInt64(id)).append("collection",
                new BsonString("c")).append("batchSize", new BsonInt64(1)));
        BsonDocument token = first.getDocument("cursor").getArray("nextBatch").get(0).asDocument().getDocument("_id");
        insertMany(2, 200);
        BsonDocument lost = run("test", new BsonDocument("getMore", new BsonInt64(id)).append("collection",
                new BsonString("c")));
        assertThat(lost.getInt32("code").getValue()).isEqualTo(286);
        assertThat(lost.getString("errmsg").getValue()).isEqualTo(
                "Resume of change stream was not possible, as the resume point may no longer be in the oplog.");
        BsonDocument resume = new BsonDocument("aggregate", new BsonString("c")).append("pipeline",
                new BsonArray(List.of(new BsonDocument("$changeStream", new BsonDocument("resumeAfter", token)))))
                .append("cursor", new BsonDocument());
        fails(resume, 286);
        BsonDocument fresh = ok("{aggregate: 'c', pipeline: [{$changeStream: {}}], cursor: {}}");
        long freshId = fresh.getDocument("cursor").getInt64("id").getValue();
        insertMany(1000, 1);
        BsonDocument next = ok(new BsonDocument("getMore", new BsonInt64(freshId)).append("collection",
                new BsonString("c")).append("maxTimeMS", new BsonInt64(5000)));
        assertThat(next.getDocument("cursor").getArray("nextBatch")).hasSize(1);
    }
}
