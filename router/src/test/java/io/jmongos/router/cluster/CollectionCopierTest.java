package io.jmongos.router.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.shard.InProcessShard;
import io.jmongos.router.shard.Shard;

/**
 * movePrimary's copy between two embedded shards: documents in several insert batches and in order, create options,
 * secondary indexes with their options, views, and cursors read to their end.
 */
class CollectionCopierTest {
    private final InProcessShard from = InProcessShard.open(null);
    private final InProcessShard to = InProcessShard.open(null);

    @AfterEach
    void stop() {
        from.close();
        to.close();
    }

    private static BsonDocument run(Shard s, String json) {
        return s.run("db", BsonDocument.parse(json)).bodyOrThrow();
    }

    private void copyAll() {
        CollectionCopier copier = new CollectionCopier(from, to, "db");
        CollectionCopier.collections(from, "db").forEach(copier::copy);
    }

    @Test
    void documentsMoveInOrderAcrossBatches() {
        int n = CollectionCopier.INSERT_BATCH_DOCUMENTS * 2 + 7;
        BsonArray docs = new BsonArray();
        for (int i = 0; i < n; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i)).append("pad", new BsonString("x".repeat(100))));
        }
        from.run("db", new BsonDocument("insert", new BsonString("big")).append("documents", docs)).bodyOrThrow();
        copyAll();
        List<BsonDocument> copied = ShardCursorReader.readAll(to, "db", BsonDocument.parse(
                "{find: 'big', sort: {_id: 1}, batchSize: 100}"));
        assertThat(copied).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(copied.get(i).getInt32("_id").getValue()).isEqualTo(i);
        }
    }

    @Test
    void optionsIndexesAndViewsMoveToo() {
        run(from, "{create: 'capped', capped: true, size: 4096}");
        run(from, "{create: 'checked', validator: {n: {$type: 'int'}}}");
        run(from, "{insert: 'checked', documents: [{_id: 1, n: 1, sku: 'a'}]}");
        run(from, "{createIndexes: 'checked', indexes: [{key: {sku: 1}, name: 'sku_1', unique: true}]}");
        run(from, "{create: 'cheap', viewOn: 'checked', pipeline: [{$match: {n: {$lt: 5}}}]}");
        copyAll();
        List<BsonDocument> listed = CollectionCopier.collections(to, "db");
        List<String> names = new ArrayList<>();
        listed.forEach(e -> names.add(e.getString("name").getValue()));
        assertThat(names).containsExactly("capped", "cheap", "checked");
        assertThat(listed.get(0).getDocument("options").getBoolean("capped").getValue()).isTrue();
        assertThat(listed.get(1).getString("type").getValue()).isEqualTo("view");
        assertThat(listed.get(2).getDocument("options").containsKey("validator")).isTrue();
        List<BsonDocument> indexes = ShardCursorReader.readAll(to, "db", BsonDocument.parse(
                "{listIndexes: 'checked', cursor: {}}"));
        assertThat(indexes).extracting(d -> d.getString("name").getValue()).containsExactly("_id_", "sku_1");
        assertThat(indexes.get(1).getBoolean("unique").getValue()).isTrue();
        assertThat(run(to, "{count: 'cheap'}").getNumber("n").intValue()).isEqualTo(1);
    }
}
