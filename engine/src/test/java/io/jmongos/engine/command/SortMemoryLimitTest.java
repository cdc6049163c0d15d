package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmongos.engine.EngineOptions;
import io.jmongos.engine.EngineTestBase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class SortMemoryLimitTest extends EngineTestBase {
    /** A tiny bound so that a blocking sort of a few hundred documents exceeds it. */
    private static final long LIMIT_BYTES = 4096;

    @Override
    protected EngineOptions options() {
        return EngineOptions.inMemory().withSortMemoryLimitBytes(LIMIT_BYTES);
    }

    @Test
    void blockingSortIsBoundedButTopKFits() {
        BsonArray docs = new BsonArray();
        for (int i = 0; i < 500; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i)).append("v", new BsonInt32((i * 7919) % 500)));
        }
        ok(new BsonDocument("insert", new BsonString("c")).append("documents", docs));
        BsonDocument r = fails("{find: 'c', sort: {v: 1}}", 292);
        assertThat(r.getString("codeName").getValue()).isEqualTo("QueryExceededMemoryLimitNoDiskUseAllowed");
        assertThat(ids(findAll("{find: 'c', sort: {v: -1}, limit: 3}"))).hasSize(3);
        assertThat(findAll("{find: 'c', sort: {v: -1}, limit: 3}").get(0).getInt32("v").getValue()).isEqualTo(499);
        assertThat(findAll("{find: 'c', sort: {_id: -1}}")).hasSize(500);
        assertThat(engine.stats().openCursors()).isZero();
    }
}
