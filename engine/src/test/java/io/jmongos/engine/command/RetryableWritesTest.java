package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import io.jmongos.engine.EmbeddedEngine;
import io.jmongos.engine.EngineOptions;
import io.jmongos.engine.EngineTestBase;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryableWritesTest extends EngineTestBase {
    private final BsonDocument lsid = new BsonDocument("id", new BsonBinary(UUID.randomUUID(),
            UuidRepresentation.STANDARD));

    private BsonDocument retryable(String json, long txnNumber) {
        return BsonDocument.parse(json).append("lsid", lsid).append("txnNumber", new BsonInt64(txnNumber));
    }

    private int count() {
        return ok("{count: 'c'}").getInt32("n").getValue();
    }

    @Test
    void insertRetryIsAppliedOnce() {
        BsonDocument cmd = retryable("{insert: 'c', documents: [{_id: 1}, {_id: 2}]}", 1);
        BsonDocument first = ok(cmd.clone());
        assertThat(first.getInt32("n").getValue()).isEqualTo(2);
        assertThat(first.containsKey("retriedStmtIds")).isFalse();
        BsonDocument again = ok(cmd.clone());
        assertThat(again.getInt32("n").getValue()).isEqualTo(2);
        assertThat(again.getArray("retriedStmtIds")).containsExactly(new BsonInt32(0), new BsonInt32(1));
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void orderedBatchRetryResumesAtTheFailedStatement() {
        ok("{insert: 'c', documents: [{_id: 2}]}");
        BsonDocument cmd = retryable("{insert: 'c', documents: [{_id: 1}, {_id: 2}, {_id: 3}]}", 1);
        BsonDocument first = run("test", cmd.clone());
        assertThat(first.getInt32("n").getValue()).isEqualTo(1);
        assertThat(first.getArray("writeErrors").get(0).asDocument().getInt32("index").getValue()).isEqualTo(1);
        ok("{delete: 'c', deletes: [{q: {_id: 2}, limit: 1}]}");
        BsonDocument retry = ok(cmd.clone());
        assertThat(retry.getInt32("n").getValue()).isEqualTo(3);
        assertThat(retry.getArray("retriedStmtIds")).containsExactly(new BsonInt32(0));
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void deleteAndFindAndModifyRetriesReturnTheFirstResult() {
        ok("{insert: 'c', documents: [{_id: 1}, {_id: 2}, {_id: 3}, {_id: 4}]}");
        BsonDocument del = retryable("{delete: 'c', deletes: [{q: {}, limit: 1}]}", 5);
        assertThat(ok(del.clone()).getInt32("n").getValue()).isEqualTo(1);
        assertThat(ok(del.clone()).getInt32("n").getValue()).isEqualTo(1);
        assertThat(count()).isEqualTo(3);
        BsonDocument fam = retryable("{findAndModify: 'c', query: {}, sort: {_id: -1}, remove: true}", 6);
        BsonDocument first = ok(fam.clone());
        assertThat(first.getDocument("value")).isEqualTo(BsonDocument.parse("{_id: 4}"));
        assertThat(ok(fam.clone()).getDocument("value")).isEqualTo(BsonDocument.parse("{_id: 4}"));
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void updateAndFindAndModifyUpdateRetriesApplyOnce() {
        ok("{insert: 'c', documents: [{_id: 1, n: 0}]}");
        BsonDocument upd = retryable("{update: 'c', updates: [{q: {_id: 1}, u: {$inc: {n: 1}}},"
                + " {q: {_id: 2}, u: {$inc: {n: 5}}, upsert: true}]}", 7);
        BsonDocument first = ok(upd.clone());
        BsonDocument again = ok(upd.clone());
        assertThat(again.getInt32("n")).isEqualTo(first.getInt32("n"));
        assertThat(again.getArray("upserted")).isEqualTo(first.getArray("upserted"));
        assertThat(again.getArray("retriedStmtIds")).hasSize(2);
        BsonDocument fam = retryable("{findAndModify: 'c', query: {_id: 1}, update: {$inc: {n: 10}}, new: true}", 8);
        assertThat(ok(fam.clone()).getDocument("value").getInt32("n").getValue()).isEqualTo(11);
        assertThat(ok(fam.clone()).getDocument("value").getInt32("n").getValue()).isEqualTo(11);
        assertThat(findAll("{find: 'c', sort: {_id: 1}}")).containsExactly(BsonDocument.parse("{_id: 1, n: 11}"),
                BsonDocument.parse("{_id: 2, n: 5}"));
    }

    @Test
    void olderTxnNumberIsTooOld() {
        ok(retryable("{insert: 'c', documents: [{_id: 1}]}", 10));
        fails(retryable("{insert: 'c', documents: [{_id: 2}]}", 9), 225);
        ok(retryable("{insert: 'c', documents: [{_id: 2}]}", 11));
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void retryRecordSurvivesReopen(@TempDir Path dir) {
        BsonDocument cmd = retryable("{insert: 'c', documents: [{_id: 1}, {_id: 2}]}", 3);
        try (EmbeddedEngine e = EmbeddedEngine.open(EngineOptions.at(dir))) {
            assertThat(e.runCommand("test", cmd.clone()).getInt32("n").getValue()).isEqualTo(2);
        }
        try (EmbeddedEngine e = EmbeddedEngine.open(EngineOptions.at(dir))) {
            BsonDocument retry = e.runCommand("test", cmd.clone());
            assertThat(retry.getArray("retriedStmtIds")).isEqualTo(new BsonArray(java.util.List.of(new BsonInt32(0),
                    new BsonInt32(1))));
            assertThat(retry.containsKey("writeErrors")).isFalse();
            BsonDocument old = e.runCommand("test", retryable("{insert: 'c', documents: [{_id: 9}]}", 2));
            assertThat(old.getInt32("code").getValue()).isEqualTo(225);
            assertThat(e.runCommand("test", BsonDocument.parse("{count: 'c'}")).getInt32("n").getValue())
                    .isEqualTo(2);
        }
    }

    @Test
    void aNewTxnNumberReusingStmtIdsIsNotARetryAndItsOwnRetryIs() {
        for (long n = 1; n <= 50; n++) {
            BsonDocument cmd = retryable("{insert: 'c', documents: [{_id: " + (2 * n) + "}, {_id: " + (2 * n + 1)
                    + "}]}", n);
            BsonDocument first = ok(cmd.clone());
            assertThat(first.containsKey("retriedStmtIds")).as("txnNumber %s", n).isFalse();
            assertThat(ok(cmd.clone()).getArray("retriedStmtIds")).containsExactly(new BsonInt32(0),
                    new BsonInt32(1));
        }
        assertThat(count()).isEqualTo(100);
        ok(retryable("{insert: 'c', documents: [{_id: 1000}]}", 51));
        BsonDocument batch = retryable("{insert: 'c', documents: [{_id: 1001}, {_id: 1002}]}", 52);
        assertThat(ok(batch.clone()).containsKey("retriedStmtIds")).isFalse();
        assertThat(count()).isEqualTo(103);
    }
}
