package io.jmongos.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.Updates;

/** Commands applications and tools use (issue 15), through the official Java driver and the router. */
class CommandsCompatTest extends InProcessServerTest {
    private MongoDatabase db;

    @BeforeEach
    void freshDatabases() {
        db = client.getDatabase("compat");
        db.drop();
        client.getDatabase("compat2").drop();
    }

    @Test
    void renameCollectionKeepsDocumentsAndIndexesAndHonoursDropTarget() {
        MongoCollection<Document> a = db.getCollection("a");
        a.insertMany(List.of(new Document("_id", 1).append("k", "x"), new Document("_id", 2).append("k", "y")));
        a.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
        a.renameCollection(new MongoNamespace("compat", "b"));
        MongoCollection<Document> b = db.getCollection("b");
        assertThat(b.countDocuments()).isEqualTo(2);
        assertThat(b.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>())).containsExactly("_id_", "k_1");
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("b");

        MongoCollection<Document> other = client.getDatabase("compat2").getCollection("t");
        other.insertOne(new Document("_id", "old"));
        MongoCommandException exists = assertThrows(MongoCommandException.class,
                () -> b.renameCollection(new MongoNamespace("compat2", "t")));
        assertThat(exists.getErrorCode()).isEqualTo(48);
        b.renameCollection(new MongoNamespace("compat2", "t"), new RenameCollectionOptions().dropTarget(true));
        assertThat(other.find().map(d -> d.getInteger("_id")).into(new ArrayList<>())).containsExactly(1, 2);

        MongoCommandException missing = assertThrows(MongoCommandException.class,
                () -> db.getCollection("nope").renameCollection(new MongoNamespace("compat", "x")));
        assertThat(missing.getErrorCode()).isEqualTo(26);
        try (ClientSession session = client.startSession()) {
            session.startTransaction();
            MongoCommandException inTxn = assertThrows(MongoCommandException.class,
                    () -> other.renameCollection(session, new MongoNamespace("compat2", "u")));
            assertThat(inTxn.getErrorCode()).isEqualTo(263);
            session.abortTransaction();
        }
    }

    @Test
    void writesToSystemNamespacesAreInvalidNamespace() {
        MongoException e = assertThrows(MongoException.class,
                () -> db.getCollection("system.views").insertOne(new Document("_id", 1)));
        assertThat(e.getCode()).isEqualTo(73);
        MongoException other = assertThrows(MongoException.class,
                () -> db.getCollection("system.things").updateOne(Filters.eq("_id", 1), Updates.set("a", 1)));
        assertThat(other.getCode()).isEqualTo(73);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).isEmpty();
    }

    @Test
    void collStatsOfAMissingCollectionIsZerosAndStatsAreInt32() {
        Document missing = db.runCommand(new Document("collStats", "missing"));
        assertThat(missing.get("count")).isEqualTo(0);
        assertThat(missing.get("size")).isEqualTo(0);
        db.getCollection("s").insertOne(new Document("_id", 1));
        Document stats = db.runCommand(new Document("collStats", "s"));
        assertThat(stats.get("count")).isEqualTo(1);
        assertThat(stats.get("size")).isInstanceOf(Integer.class);
        assertThat(stats.get("nindexes")).isEqualTo(1);
    }

    @Test
    void graphLookupAndBucketAutoRunOverTheStore() {
        MongoCollection<Document> emp = db.getCollection("emp");
        emp.insertMany(List.of(Document.parse("{_id: 1, name: 'Dev'}"),
                Document.parse("{_id: 2, name: 'Eliot', boss: 'Dev'}"),
                Document.parse("{_id: 3, name: 'Ron', boss: 'Eliot'}")));
        emp.createIndex(Indexes.ascending("name"));
        Document ron = emp.aggregate(List.of(Document.parse("{$match: {_id: 3}}"),
                Document.parse("{$graphLookup: {from: 'emp', startWith: '$boss', connectFromField: 'boss', "
                        + "connectToField: 'name', as: 'chain', depthField: 'depth'}}"))).first();
        assertThat(ron.getList("chain", Document.class)).extracting(d -> d.getString("name"))
                .containsExactly("Eliot", "Dev");
        assertThat(ron.getList("chain", Document.class).get(1).get("depth")).isEqualTo(1L);
        List<Document> buckets = emp.aggregate(List.of(Document.parse("{$bucketAuto: {groupBy: '$_id', buckets: 2}}")))
                .into(new ArrayList<>());
        assertThat(buckets).containsExactly(Document.parse("{_id: {min: 1, max: 3}, count: 2}"),
                Document.parse("{_id: {min: 3, max: 3}, count: 1}"));
    }
}
