package io.jmongos.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoQueryException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Answers that once differed from MongoDB's without an error (issue 15), through the official Java driver:
 * each test states what MongoDB 7 answers.
 */
class SilentDifferencesTest extends InProcessServerTest {
    private MongoDatabase db;

    @BeforeEach
    void freshDatabase() {
        db = client.getDatabase("silent");
        db.drop();
    }

    private int openCursors() {
        Document status = client.getDatabase("admin").runCommand(new Document("serverStatus", 1));
        Document cursor = status.get("metrics", Document.class).get("cursor", Document.class);
        return cursor.get("open", Document.class).get("total", Number.class).intValue();
    }

    @Test
    void upsertWithASingleClauseOrSeedsFromThatClause() {
        MongoCollection<Document> c = db.getCollection("locks");
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        for (int i = 0; i < 2; i++) {
            c.updateOne(Filters.or(Filters.eq("_id", "k")), Updates.inc("n", 1), upsert);
            c.updateOne(Filters.or(Filters.eq("sub.key", 1)), Updates.inc("m", 1), upsert);
        }
        assertThat(c.find(Filters.eq("_id", "k")).into(new ArrayList<>()))
                .containsExactly(new Document("_id", "k").append("n", 2));
        assertThat(c.countDocuments()).isEqualTo(2);
        Document sub = c.find(Filters.eq("sub.key", 1)).first();
        assertThat(sub.get("sub")).isEqualTo(new Document("key", 1));
        assertThat(sub.getInteger("m")).isEqualTo(2);
    }

    @Test
    void getMoreAfterTheCollectionOrDatabaseIsDroppedIsQueryPlanKilled() {
        MongoCollection<Document> c = db.getCollection("gone");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            docs.add(new Document("_id", i));
        }
        c.insertMany(docs);
        int before = openCursors();
        try (MongoCursor<Document> cursor = c.find().batchSize(2).iterator()) {
            cursor.next();
            cursor.next();
            c.drop();
            MongoQueryException e = assertThrows(MongoQueryException.class, () -> {
                while (cursor.hasNext()) {
                    cursor.next();
                }
            });
            assertThat(e.getErrorCode()).isEqualTo(175);
            assertThat(e.getErrorCodeName()).isEqualTo("QueryPlanKilled");
            assertThat(e.getErrorMessage()).contains("collection dropped");
        }
        c.insertMany(docs);
        try (MongoCursor<Document> cursor = c.aggregate(List.of(new Document("$match", new Document())))
                .batchSize(2).iterator()) {
            cursor.next();
            cursor.next();
            db.drop();
            MongoQueryException e = assertThrows(MongoQueryException.class, () -> {
                while (cursor.hasNext()) {
                    cursor.next();
                }
            });
            assertThat(e.getErrorCode()).isEqualTo(175);
        }
        assertThat(openCursors()).isEqualTo(before);
    }

    @Test
    void pushSortByFieldOrdersDocumentsAndLeavesScalarsWhereNullSorts() {
        MongoCollection<Document> c = db.getCollection("push");
        c.insertOne(Document.parse("{_id: 1, a: [{s: 2}, 9, {s: 1}, 'x', 3]}"));
        c.updateOne(Filters.eq("_id", 1), Updates.pushEach("a", List.of(new Document("s", 0)),
                new PushOptions().sortDocument(new Document("s", 1))));
        assertThat(c.find().first().getList("a", Object.class)).containsExactly(9, "x", 3, new Document("s", 0),
                new Document("s", 1), new Document("s", 2));
    }

    @Test
    void pathEndingInADotEndsAtAnArray() {
        MongoCollection<Document> c = db.getCollection("dot");
        c.insertMany(List.of(Document.parse("{_id: 1, a: [1, 2]}"), Document.parse("{_id: 2, a: []}"),
                Document.parse("{_id: 3, a: 1}"), Document.parse("{_id: 4, a: {'': 5}}"),
                Document.parse("{_id: 5, a: {b: 1}}")));
        assertThat(c.find(Filters.exists("a.")).map(d -> d.getInteger("_id")).into(new ArrayList<>()))
                .containsExactlyInAnyOrder(1, 2, 4);
        assertThat(c.find(Filters.eq("a.", 2)).map(d -> d.getInteger("_id")).into(new ArrayList<>()))
                .containsExactly(1);
    }

    @Test
    void sampleSizeIsTruncatedAndToDateTakesAYearAndMonth() {
        MongoCollection<Document> c = db.getCollection("agg");
        c.insertMany(List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3)));
        assertThat(c.aggregate(List.of(Document.parse("{$sample: {size: 2.7}}"))).into(new ArrayList<>())).hasSize(2);
        assertThat(c.aggregate(List.of(Document.parse("{$sample: {size: -0.5}}"))).into(new ArrayList<>())).isEmpty();
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> c.aggregate(List.of(Document.parse("{$sample: {size: -1}}"))).first());
        assertThat(e.getErrorCode()).isEqualTo(28747);
        Document d = c.aggregate(List.of(Document.parse("{$limit: 1}"),
                Document.parse("{$project: {d: {$toDate: '2020-07'}}}"))).first();
        assertThat(d.getDate("d").toInstant().toString()).isEqualTo("2020-07-01T00:00:00Z");
    }

    @Test
    void killCursorsUnderAnotherNamespaceLeavesTheCursorAlive() {
        MongoCollection<Document> c = db.getCollection("kc");
        c.insertMany(List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3)));
        Document first = db.runCommand(new Document("find", "kc").append("batchSize", 1));
        long id = first.get("cursor", Document.class).getLong("id");
        Document other = db.runCommand(new Document("killCursors", "other").append("cursors", List.of(id)));
        assertThat(other.getList("cursorsKilled", Long.class)).isEmpty();
        assertThat(other.getList("cursorsNotFound", Long.class)).containsExactly(id);
        Document otherDb = client.getDatabase("elsewhere").runCommand(new Document("killCursors", "kc")
                .append("cursors", List.of(id)));
        assertThat(otherDb.getList("cursorsKilled", Long.class)).isEmpty();
        Document more = db.runCommand(new Document("getMore", id).append("collection", "kc"));
        assertThat(more.get("cursor", Document.class).getList("nextBatch", Document.class)).hasSize(2);
    }
}
