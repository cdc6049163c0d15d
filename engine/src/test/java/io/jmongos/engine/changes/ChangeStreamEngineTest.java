package io.jmongos.engine.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;

/** Change streams through the engine's commands, as the router sends them. */
class ChangeStreamEngineTest extends EngineTestBase {
    /** An open stream: its cursor id and namespace. */
    private record Stream(long id, String db, String collection) {
    }

    private Stream watch(String db, String json) {
        BsonDocument r = run(db, BsonDocument.parse(json));
        assertThat(r.get("ok").asNumber().doubleValue()).as("reply %s", r.toJson()).isEqualTo(1.0);
        BsonDocument cursor = r.getDocument("cursor");
        assertThat(cursor.getArray("firstBatch")).isEmpty();
        assertThat(cursor.getDocument("postBatchResumeToken").getString("_data").getValue()).startsWith("82");
        String ns = cursor.getString("ns").getValue();
        return new Stream(cursor.getInt64("id").getValue(), db, ns.substring(db.length() + 1));
    }

    private Stream watch(String json) {
        return watch("test", json);
    }

    private BsonDocument getMore(Stream s, long maxTimeMs) {
        BsonDocument cmd = new BsonDocument("getMore", new BsonInt64(s.id)).append("collection",
                new BsonString(s.collection)).append("maxTimeMS", new BsonInt64(maxTimeMs));
        return run(s.db, cmd);
    }

    /** Events until {@code n} arrived (each getMore waits up to 5 s for more). */
    private List<BsonDocument> events(Stream s, int n) {
        List<BsonDocument> out = new ArrayList<>();
        for (int i = 0; i < 20 && out.size() < n; i++) {
            BsonDocument r = getMore(s, 5000);
            assertThat(r.get("ok").asNumber().doubleValue()).as("reply %s", r.toJson()).isEqualTo(1.0);
            r.getDocument("cursor").getArray("nextBatch").forEach(v -> out.add(v.asDocument()));
        }
        return out;
    }

    private static List<String> types(List<BsonDocument> events) {
        return events.stream().map(e -> e.getString("operationType").getValue()).toList();
    }

    private void kill(Stream s) {
        BsonDocument r = run(s.db, new BsonDocument("killCursors", new BsonString(s.collection))
                .append("cursors", new BsonArray(List.of(new BsonInt64(s.id)))));
        assertThat(r.getArray("cursorsKilled")).containsExactly(new BsonInt64(s.id));
    }

    @Test
    void collectionStreamSeesInsertUpdateReplaceDeleteInOrder() {
        ok("{create: 'c'}");
        Stream s = watch("{aggregate: 'c', pipeline: [{$changeStream: {}}], cursor: {}}");
        assertThat(s.id).isNotZero();
        ok("{insert: 'c', documents: [{_id: 1, a: 1, sub: {x: 1, y: 2}, arr: [1, 2, 3]}]}");
        ok("{insert: 'other', documents: [{_id: 1}]}");
        ok("{update: 'c', updates: [{q: {_id: 1}, u: {$set: {a: 2, 'sub.x': 5}, $unset: {'sub.y': 1}, "
                + "$push: {arr: 4}}}]}");
        ok("{update: 'c', updates: [{q: {_id: 1}, u: {b: 1}}]}");
        ok("{delete: 'c', deletes: [{q: {_id: 1}, limit: 1}]}");
        List<BsonDocument> ev = events(s, 4);
        assertThat(types(ev)).containsExactly("insert", "update", "replace", "delete");
        BsonDocument insert = ev.get(0);
        assertThat(insert.getDocument("fullDocument")).isEqualTo(
                BsonDocument.parse("{_id: 1, a: 1, sub: {x: 1, y: 2}, arr: [1, 2, 3]}"));
        assertThat(insert.getDocument("ns")).isEqualTo(BsonDocument.parse("{db: 'test', coll: 'c'}"));
        assertThat(insert.getDocument("documentKey")).isEqualTo(BsonDocument.parse("{_id: 1}"));
        assertThat(insert.get("clusterTime")).isInstanceOf(BsonTimestamp.class);
        assertThat(insert.isDateTime("wallTime")).isTrue();
        BsonDocument update = ev.get(1);
        assertThat(update.containsKey("fullDocument")).isFalse();
        assertThat(update.getDocument("updateDescription")).isEqualTo(BsonDocument.parse(
                "{updatedFields: {a: 2, 'sub.x': 5, 'arr.3': 4}, removedFields: ['sub.y'], truncatedArrays: []}"));
        assertThat(ev.get(2).getDocument("fullDocument")).isEqualTo(BsonDocument.parse("{_id: 1, b: 1}"));
        assertThat(ev.get(3).getDocument("documentKey")).isEqualTo(BsonDocument.parse("{_id: 1}"));
        assertThat(ev.get(3).containsKey("fullDocument")).isFalse();
        for (int i = 1; i < ev.size(); i++) {
            assertThat(ev.get(i).getTimestamp("clusterTime").compareTo(ev.get(i - 1).getTimestamp("clusterTime")))
                    .isPositive();
        }
        kill(s);
    }

    @Test
    void abortedTransactionsLeaveNoEventsAndCommittedOnesAppearInCommitOrder() {
        ok("{create: 'c'}");
        Stream s = watch("{aggregate: 'c', pipeline: [{$changeStream: {}}], cursor: {}}");
        BsonDocument a = lsid();
        BsonDocument b = lsid();
        ok(inTxn("{insert: 'c', documents: [{_id: 'a1'}]}", a, 1, true));
        ok(inTxn("{insert: 'c', documents: [{_id: 'b1'}]}", b, 1, true));
        ok(inTxn("{insert: 'c', documents: [{_id: 'a2'}]}", a, 1, false));
        ok(inTxn("{insert: 'c', documents: [{_id: 'b2'}]}", b, 1, false));
        ok(inTxn("{abortTransaction: 1}", a, 1, false));
        ok("{insert: 'c', documents: [{_id: 'auto'}]}");
        ok(inTxn("{commitTransaction: 1}", b, 1, false));
        List<BsonDocument> ev = events(s, 3);
        assertThat(ev).extracting(e -> e.getDocument("documentKey").get("_id"))
                .containsExactly(new BsonString("auto"), new BsonString("b1"), new BsonString("b2"));
        assertThat(ev.get(0).containsKey("txnNumber")).isFalse();
        assertThat(ev.get(1).getInt64("txnNumber").getValue()).isEqualTo(1);
        assertThat(ev.get(2).getDocument("lsid").get("id")).isEqualTo(b.get("id"));
        kill(s);
    }

    @Test
    void resumeAfterATokenReplaysTheLaterEvents() {
        Stream s = watch("{aggregate: 'c', pipeline: [{$changeStream: {}}], cursor: {}}");
        ok("{insert: 'c', documents: [{_id: 1}, {_id: 2}, {_id: 3}]}");
        List<BsonDocument> ev = events(s, 3);
        kill(s);
        BsonDocument token = ev.get(0).getDocument("_id");
        BsonDocument r = ok(new BsonDocument("aggregate", new BsonString("c")).append("pipeline", new BsonArray(
                List.of(new BsonDocument("$changeStream", new BsonDocument("resumeAfter", token)))))
                .append("cursor", new BsonDocument()));
        BsonArray first = r.getDocument("cursor").getArray("firstBatch");
        assertThat(first).extracting(v -> v.asDocument().getDocument("documentKey").get("_id"))
                .containsExactly(new BsonInt32(2), new BsonInt32(3));
        assertThat(r.getDocument("cursor").getDocument("postBatchResumeToken")).isNotEqualTo(token);
        BsonDocument startAt = ok(new BsonDocument("aggregate", new BsonString("c")).append("pipeline", new BsonArray(
                List.of(new BsonDocument("$changeStream", new BsonDocument("startAtOperationTime",
                        ev.get(2).getTimestamp("clusterTime")))))).append("cursor", new BsonDocument()));
        assertThat(startAt.getDocument("cursor").getArray("firstBatch")).hasSize(1);
    }

    @Test
    void aTokenOlderThanTheLogIsChangeStreamHistoryLost() {
        BsonDocument old = ResumeToken.event(1L << 32 | 1).toBson();
        BsonDocument r = fails(new BsonDocument("aggregate", new BsonString("c")).append("pipeline", new BsonArray(
                List.of(new BsonDocument("$changeStream", new BsonDocument("resumeAfter", old)))))
                .append("cursor", new BsonDocument()), 286);
        assertThat(r.getString("errmsg").getValue()).isEqualTo(
                "Resume of change stream was not possible, as the resume point may no longer be in the oplog.");
        assertThat(r.getString("codeName").getValue()).isEqualTo("ChangeStreamHistoryLost");
        fails("{aggregate: 'c', pipeline: [{$changeStream: {startAtOperationTime: Timestamp(1, 1)}}], cursor: {}}",
                286);
    }

    @Test
    void aPipelineFiltersAndReshapesEvents() {
        Stream s = watch("{aggregate: 'c', pipeline: [{$changeStream: {}}, {$match: {'fullDocument.keep': true}}, "
                + "{$project: {operationType: 1, k: '$fullDocument._id'}}], cursor: {}}");
        ok("{insert: 'c', documents: [{_id: 1, keep: false}, {_id: 2, keep: true}]}");
        List<BsonDocument> ev = events(s, 1);
        assertThat(ev).hasSize(1);
        assertThat(ev.get(0).keySet()).containsExactlyInAnyOrder("_id", "operationType", "k");
        assertThat(ev.get(0).get("k")).isEqualTo(new BsonInt32(2));
        kill(s);
        fails("{aggregate: 'c', pipeline: [{$changeStream: {}}, {$group: {_id: 1}}], cursor: {}}", 20);
        fails("{aggregate: 'c', pipeline: [{$match: {}}, {$changeStream: {}}], cursor: {}}", 40324);
        fails("{aggregate: 'c', pipeline: [{$changeStream: {}}, {$changeStream: {}}], cursor: {}}", 40602);
    }

    @Test
    void removingTheIdEndsTheStreamWithChangeStreamFatalError() {
        Stream s = watch("{aggregate: 'c', pipeline: [{$changeStream: {}}, {$project: {_id: 0}}], cursor: {}}");
        ok("{insert: 'c', documents: [{_id: 1}]}");
        BsonDocument r = getMore(s, 5000);
        assertThat(r.getInt32("code").getValue()).isEqualTo(280);
        assertThat(getMore(s, 10).getInt32("code").getValue()).isEqualTo(43);
    }

    @Test
    void getMoreWithoutChangesReturnsAnEmptyBatchAndKeepsTheCursor() {
        Stream s = watch("{aggregate: 'c', pipeline: [{$changeStream: {}}], cursor: {}}");
        BsonDocument r = getMore(s, 20);
        assertThat(r.getDocument("cursor").getArray("nextBatch")).isEmpty();
        assertThat(r.getDocument("cursor").getInt64("id").getValue()).isEqualTo(s.id);
        assertThat(r.getDocument("cursor").containsKey("postBatchResumeToken")).isTrue();
        kill(s);
    }

    @Test
    void aWaitingGetMoreReturnsWhenAChangeArrives() throws Exception {
        Stream s = watch("{aggregate: 'c', pipeline: [{$changeStream: {}}], cursor: {}}");
        CompletableFuture<BsonDocument> waiting = CompletableFuture.supplyAsync(() -> getMore(s, 60_000));
        ok("{insert: 'c', documents: [{_id: 'late'}]}");
        BsonDocument r = waiting.get(30, TimeUnit.SECONDS);
        assertThat(r.getDocument("cursor").getArray("nextBatch")).hasSize(1);
        kill(s);
    }

    @Test
    void killCursorsWakesAWaitingGetMoreWithCursorKilled() throws Exception {
        Stream s = watch("{aggregate: 'c', pipeline: [{$changeStream: {}}], cursor: {}}");
        CompletableFuture<BsonDocument> waiting = CompletableFuture.supplyAsync(() -> getMore(s, 600_000));
        BsonDocument killed;
        do {
            killed = run(s.db, new BsonDocument("killCursors", new BsonString(s.collection))
                    .append("cursors", new BsonArray(List.of(new BsonInt64(s.id)))));
        } while (killed.getArray("cursorsKilled").isEmpty() && !waiting.isDone());
        BsonDocument r = waiting.get(30, TimeUnit.SECONDS);
        assertThat(r.getInt32("code").getValue()).isIn(237, 43);
        assertThat(getMore(s, 10).getInt32("code").getValue()).isEqualTo(43);
    }

    @Test
    void droppingTheCollectionInvalidatesItsStream() {
        ok("{create: 'c'}");
        Stream s = watch("{aggregate: 'c', pipeline: [{$changeStream: {}}], cursor: {}}");
        ok("{insert: 'c', documents: [{_id: 1}]}");
        ok("{drop: 'c'}");
        List<BsonDocument> ev = new ArrayList<>();
        BsonDocument r;
        do {
            r = getMore(s, 5000);
            r.getDocument("cursor").getArray("nextBatch").forEach(v -> ev.add(v.asDocument()));
        } while (r.getDocument("cursor").getInt64("id").getValue() != 0);
        assertThat(types(ev)).containsExactly("insert", "drop", "invalidate");
        BsonDocument drop = ev.get(1);
        BsonDocument resume = ok(new BsonDocument("aggregate", new BsonString("c")).append("pipeline", new BsonArray(
                List.of(new BsonDocument("$changeStream", new BsonDocument("resumeAfter", drop.getDocument("_id"))))))
                .append("cursor", new BsonDocument()));
        assertThat(resume.getDocument("cursor").getInt64("id").getValue()).isZero();
        assertThat(types(resume.getDocument("cursor").getArray("firstBatch").stream().map(BsonValue::asDocument)
                .toList())).containsExactly("invalidate");
        BsonDocument invalidateToken = ev.get(2).getDocument("_id");
        fails(new BsonDocument("aggregate", new BsonString("c")).append("pipeline", new BsonArray(List.of(
                new BsonDocument("$changeStream", new BsonDocument("resumeAfter", invalidateToken)))))
                .append("cursor", new BsonDocument()), 260);
        Stream after = watch("{aggregate: 'c', pipeline: [{$changeStream: {startAfter: "
                + invalidateToken.toJson() + "}}], cursor: {}}");
        ok("{insert: 'c', documents: [{_id: 2}]}");
        assertThat(types(events(after, 1))).containsExactly("insert");
        kill(after);
    }

    @Test
    void databaseAndClusterStreams() {
        Stream db = watch("{aggregate: 1, pipeline: [{$changeStream: {}}], cursor: {}}");
        assertThat(db.collection).isEqualTo("$cmd.aggregate");
        Stream all = watch("admin", "{aggregate: 1, pipeline: [{$changeStream: {allChangesForCluster: true}}], "
                + "cursor: {}}");
        ok("{insert: 'x', documents: [{_id: 1}]}");
        run("other", BsonDocument.parse("{insert: 'y', documents: [{_id: 2}]}"));
        ok("{insert: 'z', documents: [{_id: 3}]}");
        assertThat(events(db, 2)).extracting(e -> e.getDocument("ns").getString("coll").getValue())
                .containsExactly("x", "z");
        assertThat(events(all, 3)).extracting(e -> e.getDocument("ns").getString("db").getValue())
                .containsExactly("test", "other", "test");
        run("other", BsonDocument.parse("{dropDatabase: 1}"));
        assertThat(types(events(all, 2))).containsExactly("drop", "dropDatabase");
        kill(db);
        kill(all);
        fails("{aggregate: 'c', pipeline: [{$changeStream: {allChangesForCluster: true}}], cursor: {}}", 72);
        assertThat(run("admin", BsonDocument.parse("{aggregate: 1, pipeline: [{$changeStream: {}}], cursor: {}}"))
                .getInt32("code").getValue()).isEqualTo(73);
    }

    @Test
    void fullDocumentUpdateLookupReadsTheCurrentDocument() {
        Stream s = watch("{aggregate: 'c', pipeline: [{$changeStream: {fullDocument: 'updateLookup'}}], cursor: {}}");
        ok("{insert: 'c', documents: [{_id: 1, n: 0}]}");
        ok("{update: 'c', updates: [{q: {_id: 1}, u: {$inc: {n: 1}}}]}");
        ok("{update: 'c', updates: [{q: {_id: 1}, u: {$inc: {n: 1}}}]}");
        List<BsonDocument> ev = events(s, 3);
        assertThat(ev.get(1).getDocument("fullDocument")).isEqualTo(BsonDocument.parse("{_id: 1, n: 2}"));
        kill(s);
    }

    @Test
    void imagesAreKeptForCollectionsThatAskForThem() {
        ok("{create: 'img', changeStreamPreAndPostImages: {enabled: true}}");
        Stream s = watch("{aggregate: 'img', pipeline: [{$changeStream: {fullDocument: 'required', "
                + "fullDocumentBeforeChange: 'required'}}], cursor: {}}");
        ok("{insert: 'img', documents: [{_id: 1, n: 0}]}");
        ok("{update: 'img', updates: [{q: {_id: 1}, u: {$inc: {n: 1}}}]}");
        ok("{delete: 'img', deletes: [{q: {_id: 1}, limit: 1}]}");
        List<BsonDocument> ev = events(s, 3);
        assertThat(ev.get(1).getDocument("fullDocument")).isEqualTo(BsonDocument.parse("{_id: 1, n: 1}"));
        assertThat(ev.get(1).getDocument("fullDocumentBeforeChange")).isEqualTo(BsonDocument.parse("{_id: 1, n: 0}"));
        assertThat(ev.get(2).getDocument("fullDocumentBeforeChange")).isEqualTo(BsonDocument.parse("{_id: 1, n: 1}"));
        kill(s);
        Stream plain = watch("{aggregate: 'c', pipeline: [{$changeStream: {fullDocument: 'required'}}], "
                + "cursor: {}}");
        ok("{insert: 'c', documents: [{_id: 1, n: 0}]}");
        ok("{update: 'c', updates: [{q: {_id: 1}, u: {$inc: {n: 1}}}]}");
        BsonDocument r = getMore(plain, 5000);
        if (r.get("ok").asNumber().intValue() == 1) {
            r = getMore(plain, 5000);
        }
        assertThat(r.getInt32("code").getValue()).isEqualTo(47);
    }

    @Test
    void malformedOptionsFailWithMongoDbCodes() {
        fails("{aggregate: 'c', pipeline: [{$changeStream: 1}], cursor: {}}", 50808);
        fails("{aggregate: 'c', pipeline: [{$changeStream: {bogus: 1}}], cursor: {}}", 40415);
        fails("{aggregate: 'c', pipeline: [{$changeStream: {fullDocument: 'sometimes'}}], cursor: {}}", 2);
        fails("{aggregate: 'c', pipeline: [{$changeStream: {resumeAfter: {_data: 'zz'}}}], cursor: {}}", 9);
        fails("{aggregate: 'c', pipeline: [{$changeStream: {resumeAfter: {}}}], cursor: {}}", 40647);
        String token = ResumeToken.event(1L << 32).toBson().toJson();
        fails("{aggregate: 'c', pipeline: [{$changeStream: {resumeAfter: " + token + ", startAfter: " + token
                + "}}], cursor: {}}", 50865);
        fails("{aggregate: 'system.views', pipeline: [{$changeStream: {}}], cursor: {}}", 73);
        ok("{create: 'v', viewOn: 'c', pipeline: []}");
        fails("{aggregate: 'v', pipeline: [{$changeStream: {}}], cursor: {}}", 166);
        BsonDocument inTxn = inTxn("{aggregate: 'c', pipeline: [{$changeStream: {}}], cursor: {}}", lsid(), 1, true);
        assertThat(run("test", inTxn).getInt32("code").getValue()).isEqualTo(263);
    }

    private static BsonDocument lsid() {
        return new BsonDocument("id", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD));
    }

    private static BsonDocument inTxn(String json, BsonDocument lsid, long txn, boolean start) {
        BsonDocument cmd = BsonDocument.parse(json).append("lsid", lsid).append("txnNumber", new BsonInt64(txn))
                .append("autocommit", BsonBoolean.FALSE);
        if (start) {
            cmd.append("startTransaction", BsonBoolean.TRUE);
        }
        return cmd;
    }
}
