package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

import io.jmongos.engine.EngineTestBase;

/**
 * MongoDB's storage depth limit, BSONDepth::getMaxDepthForUserStorage() = 180 levels counting the top level:
 * documents at the limit are stored, one level deeper fails with Overflow (15) as a write error, on insert,
 * update and replacement, for documents and arrays; empty sub-documents do not count (as in MongoDB's
 * FixDocumentForInsert unit tests).
 */
class StorageDepthTest extends EngineTestBase {
    /** BSONDepth::getMaxDepthForUserStorage(). */
    static final int LIMIT = 180;

    /** {@code {a: {a: ... {a: 1}}}} with {@code levels} documents, the top one included. */
    static BsonDocument nestedDocument(int levels) {
        BsonDocument doc = new BsonDocument("a", new BsonInt32(1));
        for (int i = 1; i < levels; i++) {
            doc = new BsonDocument("a", doc);
        }
        return doc;
    }

    /** A top-level document holding {@code levels - 1} nested arrays: {@code {a: [[...[1]...]]}}. */
    static BsonDocument nestedArrays(int levels) {
        BsonValue v = new BsonArray(List.of(new BsonInt32(1)));
        for (int i = 2; i < levels; i++) {
            v = new BsonArray(List.of(v));
        }
        return new BsonDocument("a", v);
    }

    private BsonDocument insert(BsonDocument doc) {
        return run("test", new BsonDocument("insert", new BsonString("c"))
                .append("documents", new BsonArray(List.of(doc))));
    }

    private static BsonDocument writeError(BsonDocument reply) {
        assertThat(reply.getNumber("ok").intValue()).as(reply.toJson()).isEqualTo(1);
        assertThat(reply.getArray("writeErrors")).hasSize(1);
        return reply.getArray("writeErrors").get(0).asDocument();
    }

    private long count() {
        return ok("{count: 'c'}").getNumber("n").longValue();
    }

    @Test
    void insertAtTheLimitIsStored() {
        ok(new BsonDocument("insert", new BsonString("c")).append("documents",
                new BsonArray(List.of(nestedDocument(LIMIT).append("_id", new BsonInt32(1)),
                        nestedArrays(LIMIT).append("_id", new BsonInt32(2))))));
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void insertOneLevelDeeperFailsWithOverflow() {
        for (BsonDocument doc : List.of(nestedDocument(LIMIT + 1), nestedArrays(LIMIT + 1), nestedDocument(200))) {
            BsonDocument err = writeError(insert(doc));
            assertThat(err.getInt32("code").getValue()).isEqualTo(15);
            assertThat(err.getString("errmsg").getValue())
                    .isEqualTo("cannot insert document because it exceeds 180 levels of nesting");
        }
        assertThat(count()).isZero();
    }

    @Test
    void emptySubdocumentsDoNotCount() {
        BsonDocument doc = nestedDocument(LIMIT);
        BsonDocument innermost = doc;
        while (innermost.get("a").isDocument()) {
            innermost = innermost.getDocument("a");
        }
        innermost.put("a", new BsonDocument());
        innermost.put("b", new BsonArray());
        ok(new BsonDocument("insert", new BsonString("c")).append("documents", new BsonArray(List.of(doc))));
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void updateOrReplacementPastTheLimitFailsWithOverflow() {
        ok("{insert: 'c', documents: [{_id: 1}]}");
        BsonDocument set = new BsonDocument("q", BsonDocument.parse("{_id: 1}")).append("u",
                new BsonDocument("$set", new BsonDocument("x", nestedDocument(LIMIT))));
        BsonDocument err = writeError(run("test", new BsonDocument("update", new BsonString("c"))
                .append("updates", new BsonArray(List.of(set)))));
        assertThat(err.getInt32("code").getValue()).isEqualTo(15);
        assertThat(err.getString("errmsg").getValue()).isEqualTo("Document exceeds maximum nesting depth of 180");

        BsonDocument replace = new BsonDocument("q", BsonDocument.parse("{_id: 1}"))
                .append("u", nestedDocument(LIMIT + 1));
        err = writeError(run("test", new BsonDocument("update", new BsonString("c"))
                .append("updates", new BsonArray(List.of(replace)))));
        assertThat(err.getInt32("code").getValue()).isEqualTo(15);

        BsonDocument atLimit = new BsonDocument("q", BsonDocument.parse("{_id: 1}")).append("u",
                new BsonDocument("$set", new BsonDocument("x", nestedDocument(LIMIT - 1))));
        ok(new BsonDocument("update", new BsonString("c")).append("updates", new BsonArray(List.of(atLimit))));
    }
}
