package io.jmongos.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;

import io.jmongos.server.JmongosServer;

/** --dbpath is durable: acknowledged documents are found again after a restart on the same directory. */
class DurableRestartTest {
    @TempDir
    Path dataDir;

    private List<String> args() {
        return List.of("--port", "0", "--bind_ip", "127.0.0.1", "--dbpath", dataDir.toString());
    }

    @Test
    void acknowledgedDocumentsSurviveARestart() {
        try (JmongosServer first = JmongosServer.start(args());
             MongoClient c = Clients.plain(first.mainAddress())) {
            MongoCollection<Document> coll = c.getDatabase("durable").getCollection("items")
                    .withWriteConcern(WriteConcern.ACKNOWLEDGED);
            for (int i = 0; i < 50; i++) {
                coll.insertOne(new Document("_id", i).append("v", "value-" + i));
            }
            coll.deleteOne(new Document("_id", 0));
            coll.updateOne(new Document("_id", 1), new Document("$set", new Document("v", "changed")));
        }
        try (JmongosServer second = JmongosServer.start(args());
             MongoClient c = Clients.plain(second.mainAddress())) {
            MongoCollection<Document> coll = c.getDatabase("durable").getCollection("items");
            List<Document> docs = coll.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
            assertThat(docs).hasSize(49);
            assertThat(docs.get(0)).isEqualTo(new Document("_id", 1).append("v", "changed"));
            assertThat(docs.get(48)).isEqualTo(new Document("_id", 49).append("v", "value-49"));
            assertThat(c.getDatabase("durable").listCollectionNames().into(new ArrayList<>())).contains("items");
        }
    }
}
