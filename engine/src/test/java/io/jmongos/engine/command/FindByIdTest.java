package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;

/** find by _id alone (the IDHACK point read) answers exactly as the general planner does. */
class FindByIdTest extends EngineTestBase {
    private BsonDocument cursor(String json) {
        return ok(json).getDocument("cursor");
    }

    @Test
    void findsTheDocumentByAnyEqualNumericTypeWithoutACursor() {
        ok("{insert: 'c', documents: [{_id: 1.0, a: 1, b: 2}, {_id: 'x', a: 3}, {_id: {k: 1}, a: 4}]}");
        BsonDocument c = cursor("{find: 'c', filter: {_id: 1}}");
        assertThat(c.getInt64("id").getValue()).isZero();
        assertThat(c.getArray("firstBatch")).containsExactly(BsonDocument.parse("{_id: 1.0, a: 1, b: 2}"));
        assertThat(cursor("{find: 'c', filter: {_id: {$numberLong: '1'}}, projection: {b: 1, _id: 0}}")
                .getArray("firstBatch")).containsExactly(BsonDocument.parse("{b: 2}"));
        assertThat(cursor("{find: 'c', filter: {_id: 'x'}, sort: {_id: -1}, limit: 1, singleBatch: true}")
                .getArray("firstBatch")).containsExactly(BsonDocument.parse("{_id: 'x', a: 3}"));
        assertThat(cursor("{find: 'c', filter: {_id: {k: 1}}}").getArray("firstBatch"))
                .containsExactly(BsonDocument.parse("{_id: {k: 1}, a: 4}"));
        assertThat(cursor("{find: 'c', filter: {_id: 1}, skip: 1}").getArray("firstBatch")).isEmpty();
        BsonDocument missing = cursor("{find: 'c', filter: {_id: 2}}");
        assertThat(missing.getArray("firstBatch")).isEmpty();
        assertThat(missing.getInt64("id").getValue()).isZero();
        assertThat(cursor("{find: 'nope', filter: {_id: 1}}").getArray("firstBatch")).isEmpty();
        assertThat(engine.stats().openCursors()).isZero();
    }

    @Test
    void insideATransactionItSeesItsOwnWrites() {
        ok("{insert: 'c', documents: [{_id: 1}]}");
        BsonDocument lsid = new BsonDocument("id", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD));
        ok(BsonDocument.parse("{insert: 'c', documents: [{_id: 2}], startTransaction: true}").append("lsid", lsid)
                .append("txnNumber", new BsonInt64(1)).append("autocommit", BsonBoolean.FALSE));
        BsonDocument r = ok(BsonDocument.parse("{find: 'c', filter: {_id: 2}}").append("lsid", lsid)
                .append("txnNumber", new BsonInt64(1)).append("autocommit", BsonBoolean.FALSE));
        assertThat(r.getDocument("cursor").getArray("firstBatch")).containsExactly(BsonDocument.parse("{_id: 2}"));
        assertThat(cursor("{find: 'c', filter: {_id: 2}}").getArray("firstBatch")).isEmpty();
        ok(new BsonDocument("commitTransaction", new BsonInt32(1)).append("lsid", lsid)
                .append("txnNumber", new BsonInt64(1)).append("autocommit", BsonBoolean.FALSE));
        assertThat(cursor("{find: 'c', filter: {_id: 2}}").getArray("firstBatch")).hasSize(1);
    }

    @Test
    void explainStillShowsTheIdBounds() {
        ok("{insert: 'c', documents: [{_id: 1}]}");
        BsonDocument r = ok("{explain: {find: 'c', filter: {_id: 1}}}");
        assertThat(r.toJson()).contains("[1, 1]").contains("_id_");
    }

    @Test
    void onlyAFindByIdOnACollectionIsAnsweredAtOnce() {
        ok("{insert: 'c', documents: [{_id: 1}]}");
        ok("{create: 'v', viewOn: 'c', pipeline: []}");
        for (String atOnce : List.of("{find: 'c', filter: {_id: 1}}", "{find: 'nope', filter: {_id: 'x'}}",
                "{find: 'c', filter: {_id: 1}, projection: {a: 1}, limit: 1, singleBatch: true, lsid: {id: 1}}")) {
            assertThat(engine.answersAtOnce("test", BsonDocument.parse(atOnce))).as(atOnce).isTrue();
        }
        for (String worker : List.of("{find: 'c', filter: {a: 1}}", "{find: 'c'}", "{find: 'c', filter: {}}",
                "{find: 'c', filter: {_id: {$gt: 1}}}", "{find: 'c', filter: {_id: {k: 1}}}",
                "{find: 'c', filter: {_id: [1]}}", "{find: 'c', filter: {_id: null}}",
                "{find: 'c', filter: {_id: 1, a: 1}}", "{find: 'c', filter: {_id: 1}, hint: {a: 1}}",
                "{find: 'c', filter: {_id: 1}, min: {a: 1}}", "{find: 'c', filter: {_id: 1}, max: {a: 1}}",
                "{find: 'c', filter: {_id: 1}, sort: {_id: 1}}", "{find: 'c', filter: {_id: 1}, tailable: true}",
                "{find: 'c', filter: {_id: 1}, awaitData: true}", "{find: 'v', filter: {_id: 1}}",
                "{find: 5, filter: {_id: 1}}", "{count: 'c', query: {_id: 1}}",
                "{aggregate: 'c', pipeline: [{$match: {_id: 1}}], cursor: {}}")) {
            assertThat(engine.answersAtOnce("test", BsonDocument.parse(worker))).as(worker).isFalse();
        }
    }
}
