package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

class CappedCollectionTest extends EngineTestBase {
    private static List<BsonValue> ints(int... values) {
        List<BsonValue> out = new java.util.ArrayList<>();
        for (int v : values) {
            out.add(new BsonInt32(v));
        }
        return out;
    }

    @Test
    void createChecksAndNormalizesOptions() {
        BsonDocument e = fails("{create: 'c', capped: true}", 72);
        assertThat(e.getString("errmsg").getValue()).isEqualTo("the 'size' field is required when 'capped' is true");
        e = fails("{create: 'c', size: 1000}", 72);
        assertThat(e.getString("errmsg").getValue()).isEqualTo(
                "the 'capped' field needs to be true when either the 'size' or 'max' fields are present");
        fails("{create: 'c', capped: true, max: 5}", 72);
        e = fails("{create: 'c', capped: true, size: 0}", 51024);
        assertThat(e.getString("errmsg").getValue()).isEqualTo("BSON field 'size' value must be >= 1, actual value '0'");
        fails("{create: 'c', capped: true, size: {$numberLong: '1125899906842625'}}", 51024);
        fails("{create: 'c', capped: true, size: 4096, max: {$numberLong: '2147483648'}}", 51024);
        fails("{create: 'c', capped: true, size: 'big'}", 14);
        fails("{create: 'c', capped: 'yes', size: 10}", 14);

        ok("{create: 'c', capped: true, size: 1000, max: 10}");
        ok("{create: 'c', capped: true, size: 1000, max: 10}");
        fails("{create: 'c', capped: true, size: 2000}", 48);
        ok("{create: 'd', capped: true, size: 4096, max: 0}");
        ok("{create: 'p', capped: false}");
        List<BsonDocument> colls = findAllCollections();
        assertThat(colls.get(0).getDocument("options")).isEqualTo(
                BsonDocument.parse("{capped: true, size: 1024, max: 10}"));
        assertThat(colls.get(1).getDocument("options")).isEqualTo(
                BsonDocument.parse("{capped: true, size: 4096, max: 2147483647}"));
        assertThat(colls.get(2).getDocument("options")).isEqualTo(new BsonDocument());
    }

    private List<BsonDocument> findAllCollections() {
        List<BsonDocument> out = new java.util.ArrayList<>();
        ok("{listCollections: 1}").getDocument("cursor").getArray("firstBatch").forEach(v -> out.add(v.asDocument()));
        return out;
    }

    @Test
    void findReturnsInsertionOrderAndNaturalReverse() {
        ok("{create: 'c', capped: true, size: 100000}");
        ok("{insert: 'c', documents: [{_id: 5}, {_id: 1}, {_id: 3}]}");
        ok("{insert: 'c', documents: [{_id: 2}]}");
        assertThat(ids(findAll("{find: 'c'}"))).isEqualTo(ints(5, 1, 3, 2));
        assertThat(ids(findAll("{find: 'c', sort: {$natural: -1}}"))).isEqualTo(ints(2, 3, 1, 5));
        assertThat(ids(findAll("{find: 'c', hint: {$natural: -1}, filter: {_id: {$gt: 1}}}")))
                .isEqualTo(ints(2, 3, 5));
        assertThat(ids(findAll("{find: 'c', batchSize: 1}"))).isEqualTo(ints(5, 1, 3, 2));
        assertThat(ids(findAll("{find: 'c', sort: {_id: 1}}"))).isEqualTo(ints(1, 2, 3, 5));
        BsonDocument agg = ok("{aggregate: 'c', pipeline: [], cursor: {}}");
        assertThat(ids(docs(agg.getDocument("cursor").getArray("firstBatch")))).isEqualTo(ints(5, 1, 3, 2));
    }

    private static List<BsonDocument> docs(org.bson.BsonArray a) {
        List<BsonDocument> out = new java.util.ArrayList<>();
        a.forEach(v -> out.add(v.asDocument()));
        return out;
    }

    @Test
    void maxRemovesTheOldestDocuments() {
        ok("{create: 'c', capped: true, size: 100000, max: 3}");
        ok("{createIndexes: 'c', indexes: [{key: {x: 1}, name: 'x_1'}]}");
        for (int i = 1; i <= 5; i++) {
            ok("{insert: 'c', documents: [{_id: " + i + ", x: " + i * 10 + "}]}");
        }
        assertThat(ids(findAll("{find: 'c'}"))).isEqualTo(ints(3, 4, 5));
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isEqualTo(3);
        // the removed documents left the secondary index too
        assertThat(ids(findAll("{find: 'c', filter: {x: {$lt: 35}}, hint: 'x_1'}"))).isEqualTo(ints(3));
        ok("{insert: 'c', documents: [{_id: 6, x: 60}, {_id: 7, x: 70}]}");
        assertThat(ids(findAll("{find: 'c'}"))).isEqualTo(ints(5, 6, 7));
    }

    @Test
    void sizeRemovesTheOldestDocumentsButKeepsTheNewOne() {
        ok("{create: 'c', capped: true, size: 256}");
        String pad = "x".repeat(90);
        for (int i = 1; i <= 4; i++) {
            ok("{insert: 'c', documents: [{_id: " + i + ", s: '" + pad + "'}]}");
        }
        // each document is 110 bytes: two fit in 256
        assertThat(ids(findAll("{find: 'c'}"))).isEqualTo(ints(3, 4));
        ok("{insert: 'c', documents: [{_id: 9, s: '" + "y".repeat(400) + "'}]}");
        assertThat(ids(findAll("{find: 'c'}"))).isEqualTo(ints(9));
        ok("{insert: 'c', documents: [{_id: 10}]}");
        assertThat(ids(findAll("{find: 'c'}"))).isEqualTo(ints(10));
    }

    @Test
    void deletesAndUpdatesKeepTheAccounting() {
        ok("{create: 'c', capped: true, size: 100000, max: 3}");
        ok("{insert: 'c', documents: [{_id: 1}, {_id: 2}, {_id: 3}]}");
        assertThat(ok("{delete: 'c', deletes: [{q: {_id: 2}, limit: 1}]}").getInt32("n").getValue()).isEqualTo(1);
        ok("{update: 'c', updates: [{q: {_id: 1}, u: {$set: {grown: 'a longer value than before'}}}]}");
        ok("{insert: 'c', documents: [{_id: 4}]}");
        assertThat(ids(findAll("{find: 'c'}"))).isEqualTo(ints(1, 3, 4));
        ok("{insert: 'c', documents: [{_id: 5}]}");
        assertThat(ids(findAll("{find: 'c'}"))).isEqualTo(ints(3, 4, 5));
        ok("{findAndModify: 'c', query: {_id: 4}, remove: true}");
        ok("{delete: 'c', deletes: [{q: {}, limit: 0}]}");
        ok("{insert: 'c', documents: [{_id: 6}, {_id: 7}]}");
        assertThat(ids(findAll("{find: 'c'}"))).isEqualTo(ints(6, 7));
        BsonDocument stats = ok("{collStats: 'c'}");
        assertThat(stats.getInt32("count").getValue()).isEqualTo(2);
    }

    @Test
    void statsReportTheLimits() {
        ok("{create: 'c', capped: true, size: 5000, max: 7}");
        ok("{create: 'p'}");
        BsonDocument stats = ok("{collStats: 'c'}");
        assertThat(stats.getBoolean("capped").getValue()).isTrue();
        assertThat(stats.getNumber("maxSize").longValue()).isEqualTo(5120);
        assertThat(stats.getNumber("max").longValue()).isEqualTo(7);
        BsonDocument plain = ok("{collStats: 'p'}");
        assertThat(plain.getBoolean("capped").getValue()).isFalse();
        assertThat(plain.containsKey("maxSize")).isFalse();
    }

    @Test
    void transactionsAndOutRefuseCappedCollections() {
        ok("{create: 'c', capped: true, size: 4096}");
        ok("{insert: 'c', documents: [{_id: 1}]}");
        BsonDocument lsid = BsonDocument.parse("{lsid: {id: {$binary: {base64: 'AAAAAAAAAAAAAAAAAAAAAA==', "
                + "subType: '04'}}}}");
        BsonDocument insert = BsonDocument.parse("{insert: 'c', documents: [{_id: 2}], txnNumber: {$numberLong: '1'},"
                + " autocommit: false, startTransaction: true}");
        insert.putAll(lsid);
        BsonDocument err = run("test", insert).getArray("writeErrors").get(0).asDocument();
        assertThat(err.getInt32("code").getValue()).isEqualTo(263);
        assertThat(err.getString("errmsg").getValue()).isEqualTo("Collection 'test.c' is a capped collection. "
                + "Writes in transactions are not allowed on capped collections.");
        // the failed statement aborted that transaction; a delete in the next one
        BsonDocument delete = BsonDocument.parse("{delete: 'c', deletes: [{q: {_id: 1}, limit: 1}],"
                + " txnNumber: {$numberLong: '2'}, autocommit: false, startTransaction: true}");
        delete.putAll(lsid);
        err = run("test", delete).getArray("writeErrors").get(0).asDocument();
        assertThat(err.getInt32("code").getValue()).isEqualTo(20);
        assertThat(ids(findAll("{find: 'c'}"))).isEqualTo(ints(1));

        ok("{insert: 'src', documents: [{_id: 1}]}");
        fails("{aggregate: 'src', pipeline: [{$out: 'c'}], cursor: {}}", 17152);
    }

    @Test
    void removedDocumentsAreDeleteEventsOfChangeStreams() {
        ok("{create: 'c', capped: true, size: 100000, max: 2}");
        long id = ok("{aggregate: 'c', pipeline: [{$changeStream: {}}], cursor: {}}").getDocument("cursor")
                .getInt64("id").getValue();
        ok("{insert: 'c', documents: [{_id: 1}, {_id: 2}, {_id: 3}]}");
        List<String> kinds = new java.util.ArrayList<>();
        List<BsonDocument> events = new java.util.ArrayList<>();
        for (int i = 0; i < 10 && events.size() < 4; i++) {
            ok("{getMore: " + id + ", collection: 'c', maxTimeMS: 2000}").getDocument("cursor").getArray("nextBatch")
                    .forEach(v -> events.add(v.asDocument()));
        }
        events.forEach(e -> kinds.add(e.getString("operationType").getValue()));
        assertThat(kinds).containsExactly("insert", "insert", "insert", "delete");
        assertThat(events.get(3).getDocument("documentKey").get("_id")).isEqualTo(new BsonInt32(1));
        ok("{killCursors: 'c', cursors: [" + id + "]}");
    }
}
