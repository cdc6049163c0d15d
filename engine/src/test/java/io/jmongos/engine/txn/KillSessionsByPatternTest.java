package io.jmongos.engine.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;

import io.jmongos.engine.EngineTestBase;

/**
 * killAllSessionsByPattern on the engine (what a router sends every shard for the session kills): an lsid pattern
 * ends that session only (its transaction aborted, its cursors killed); {@code {}} or an empty array end every session.
 */
class KillSessionsByPatternTest extends EngineTestBase {
    private static BsonDocument lsid() {
        return new BsonDocument("id", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD));
    }

    /** A session with an open transaction and an open cursor. */
    private void busy(BsonDocument lsid, String id) {
        ok(BsonDocument.parse("{insert: 'c', documents: [{_id: '" + id + "'}]}").append("lsid", lsid)
                .append("txnNumber", new BsonInt64(1)).append("autocommit", BsonBoolean.FALSE)
                .append("startTransaction", BsonBoolean.TRUE));
        ok(BsonDocument.parse("{find: 'seed', batchSize: 1}").append("lsid", lsid));
    }

    private BsonDocument kill(BsonArray patterns) {
        return ok(new BsonDocument("killAllSessionsByPattern", patterns));
    }

    @Test
    void anLsidPatternEndsOnlyThatSession() {
        ok("{insert: 'seed', documents: [{_id: 1}, {_id: 2}, {_id: 3}]}");
        ok("{create: 'c'}");
        BsonDocument one = lsid();
        BsonDocument two = lsid();
        busy(one, "one");
        busy(two, "two");
        assertThat(engine.counters().openTransactions()).isEqualTo(2);
        assertThat(engine.counters().openCursors()).isEqualTo(2);
        kill(new BsonArray(java.util.List.of(new BsonDocument("lsid", one.clone()
                .append("uid", new BsonBinary(new byte[32]))))));
        assertThat(engine.counters().openTransactions()).isEqualTo(1);
        assertThat(engine.counters().openCursors()).isEqualTo(1);
        fails(BsonDocument.parse("{commitTransaction: 1}").append("lsid", one).append("txnNumber", new BsonInt64(1))
                .append("autocommit", BsonBoolean.FALSE), 251);
        ok(BsonDocument.parse("{commitTransaction: 1}").append("lsid", two).append("txnNumber", new BsonInt64(1))
                .append("autocommit", BsonBoolean.FALSE));
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isEqualTo(1);
    }

    @Test
    void anEmptyPatternOrArrayEndsEverySession() {
        ok("{insert: 'seed', documents: [{_id: 1}, {_id: 2}, {_id: 3}]}");
        ok("{create: 'c'}");
        busy(lsid(), "a");
        busy(lsid(), "b");
        kill(new BsonArray(java.util.List.of(new BsonDocument())));
        assertThat(engine.counters().openTransactions()).isZero();
        assertThat(engine.counters().openCursors()).isZero();
        busy(lsid(), "c");
        kill(new BsonArray());
        assertThat(engine.counters().openTransactions()).isZero();
        assertThat(engine.counters().openCursors()).isZero();
    }

    @Test
    void patternsMustBeAnArrayOfDocuments() {
        fails(new BsonDocument("killAllSessionsByPattern", new BsonInt32(1)), 14);
        fails(new BsonDocument("killAllSessionsByPattern", new BsonArray(java.util.List.of(new BsonInt32(1)))), 14);
    }
}
