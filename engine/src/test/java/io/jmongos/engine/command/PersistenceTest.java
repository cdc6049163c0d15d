package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import io.jmongos.engine.EmbeddedEngine;
import io.jmongos.engine.EngineOptions;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
    private static BsonDocument run(EmbeddedEngine e, String json) {
        BsonDocument r = e.runCommand("app", BsonDocument.parse(json));
        assertThat(r.get("ok").asNumber().intValue()).as(r.toJson()).isEqualTo(1);
        return r;
    }

    @Test
    void documentsIndexesAndCommittedTransactionsSurviveReopen(@TempDir Path dir) {
        BsonDocument lsid = new BsonDocument("id", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD));
        try (EmbeddedEngine e = EmbeddedEngine.open(EngineOptions.at(dir))) {
            BsonArray docs = new BsonArray();
            for (int i = 0; i < 500; i++) {
                docs.add(new BsonDocument("_id", new BsonInt32(i)).append("k", new BsonInt32(i % 7)));
            }
            assertThat(e.runCommand("app", new BsonDocument("insert", new BsonString("c")).append("documents", docs))
                    .getInt32("n").getValue()).isEqualTo(500);
            run(e, "{createIndexes: 'c', indexes: [{key: {k: 1}, name: 'k_1', unique: false}]}");
            BsonDocument txn = BsonDocument.parse("{insert: 'd', documents: [{_id: 'in-txn'}]}").append("lsid", lsid)
                    .append("txnNumber", new BsonInt64(1)).append("autocommit", BsonBoolean.FALSE)
                    .append("startTransaction", BsonBoolean.TRUE);
            run(e, txn.toJson());
            BsonDocument commit = BsonDocument.parse("{commitTransaction: 1, writeConcern: {w: 'majority'}}")
                    .append("lsid", lsid).append("txnNumber", new BsonInt64(1)).append("autocommit", BsonBoolean.FALSE);
            assertThat(e.runCommand("admin", commit).get("ok").asNumber().intValue()).isEqualTo(1);
        }
        try (EmbeddedEngine e = EmbeddedEngine.open(EngineOptions.at(dir))) {
            assertThat(run(e, "{count: 'c'}").getInt32("n").getValue()).isEqualTo(500);
            assertThat(run(e, "{count: 'c', query: {k: 3}}").getInt32("n").getValue()).isEqualTo(71);
            assertThat(run(e, "{count: 'd'}").getInt32("n").getValue()).isEqualTo(1);
            BsonDocument explain = run(e, "{explain: {find: 'c', filter: {k: 3}}}");
            assertThat(explain.getDocument("queryPlanner").getDocument("winningPlan").getString("indexName")
                    .getValue()).isEqualTo("k_1");
            assertThat(run(e, "{listIndexes: 'c'}").getDocument("cursor").getArray("firstBatch")).hasSize(2);
            BsonDocument retryCommit = BsonDocument.parse("{commitTransaction: 1}").append("lsid", lsid)
                    .append("txnNumber", new BsonInt64(1)).append("autocommit", BsonBoolean.FALSE);
            assertThat(e.runCommand("admin", retryCommit).get("ok").asNumber().intValue()).isEqualTo(1);
            run(e, "{insert: 'c', documents: [{_id: 1000, k: 3}]}");
        }
        try (EmbeddedEngine e = EmbeddedEngine.open(EngineOptions.at(dir))) {
            assertThat(run(e, "{count: 'c', query: {k: 3}}").getInt32("n").getValue()).isEqualTo(72);
        }
    }

    @Test
    void cappedOrderAndViewsSurviveReopen(@TempDir Path dir) {
        try (EmbeddedEngine e = EmbeddedEngine.open(EngineOptions.at(dir))) {
            run(e, "{create: 'log', capped: true, size: 4096, max: 3}");
            run(e, "{insert: 'log', documents: [{_id: 3}, {_id: 1}, {_id: 2}]}");
            run(e, "{create: 'v', viewOn: 'log', pipeline: [{$match: {_id: {$lt: 3}}}]}");
        }
        try (EmbeddedEngine e = EmbeddedEngine.open(EngineOptions.at(dir))) {
            run(e, "{insert: 'log', documents: [{_id: 0}]}");
            assertThat(run(e, "{find: 'log'}").getDocument("cursor").getArray("firstBatch")).isEqualTo(
                    BsonArray.parse("[{_id: 1}, {_id: 2}, {_id: 0}]"));
            assertThat(run(e, "{count: 'v'}").getInt32("n").getValue()).isEqualTo(3);
            assertThat(run(e, "{listCollections: 1, filter: {type: 'view'}}").getDocument("cursor")
                    .getArray("firstBatch")).hasSize(1);
        }
    }
}
