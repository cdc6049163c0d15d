package io.jmongos.it.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * What a load-balanced driver does through a balancer: CRUD, a cursor of 100 documents in batches of 2, a
 * committed and an aborted transaction. Strictly one operation at a time, so a client keeps using its one
 * pooled connection (and so one jmongos: each test jmongos has its own embedded store).
 */
final class LoadBalancedWorkload {
    private LoadBalancedWorkload() {
    }

    static void run(MongoClient client, String dbName) {
        MongoCollection<Document> c = client.getDatabase(dbName).getCollection("crud");
        c.insertOne(new Document("_id", 1).append("name", "one"));
        c.insertMany(List.of(new Document("_id", 2).append("name", "two"), new Document("_id", 3).append("name", "x")));
        assertThat(c.find(Filters.eq("_id", 2)).first()).containsEntry("name", "two");
        assertThat(c.updateOne(Filters.eq("_id", 3), Updates.set("name", "three")).getModifiedCount()).isEqualTo(1);
        assertThat(c.find(Filters.eq("_id", 3)).first()).containsEntry("name", "three");
        assertThat(c.deleteOne(Filters.eq("_id", 1)).getDeletedCount()).isEqualTo(1);
        assertThat(c.countDocuments()).isEqualTo(2);

        MongoCollection<Document> many = client.getDatabase(dbName).getCollection("cursor");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            docs.add(new Document("_id", i));
        }
        many.insertMany(docs);
        int seen = 0;
        try (MongoCursor<Document> cursor = many.find().sort(new Document("_id", 1)).batchSize(2).cursor()) {
            while (cursor.hasNext()) {
                assertThat(cursor.next().getInteger("_id")).isEqualTo(seen++);
            }
        }
        assertThat(seen).isEqualTo(100);

        MongoCollection<Document> txn = client.getDatabase(dbName).getCollection("txn");
        txn.insertOne(new Document("_id", "before"));
        try (ClientSession session = client.startSession()) {
            session.startTransaction();
            txn.insertOne(session, new Document("_id", "committed"));
            txn.updateOne(session, Filters.eq("_id", "before"), Updates.set("touched", true));
            session.commitTransaction();
        }
        try (ClientSession session = client.startSession()) {
            session.startTransaction();
            txn.insertOne(session, new Document("_id", "aborted"));
            session.abortTransaction();
        }
        assertThat(txn.find(Filters.eq("_id", "committed")).first()).isNotNull();
        assertThat(txn.find(Filters.eq("_id", "before")).first()).containsEntry("touched", true);
        assertThat(txn.find(Filters.eq("_id", "aborted")).first()).isNull();
    }
}
