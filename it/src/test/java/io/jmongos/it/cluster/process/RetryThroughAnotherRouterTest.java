package io.jmongos.it.cluster.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoClient;

import io.jmongos.wire.client.BlockingWireClient;
import io.jmongos.wire.client.WireClientOptions;

/**
 * A retryable write that a driver sends again through a different router (the balancer moved its connection):
 * it runs once, because the shard keeps the statement's record. Sent with the project's wire client so that both
 * routers get exactly the same {@code lsid} and {@code txnNumber}.
 */
class RetryThroughAnotherRouterTest {
    @RegisterExtension
    static final ClusterProcessesExtension CLUSTER = ClusterProcessesExtension.shared();
    static final String DB = "retried";

    @Test
    void anInsertRetriedThroughAnotherRouterRunsOnce() {
        // No _id: a second execution would add a second document rather than fail on a duplicate key.
        BsonDocument insert = new BsonDocument("insert", new BsonString("inserts"))
                .append("documents", new BsonArray(List.of(new BsonDocument("tag", new BsonString("once")))));
        sendTwice(insert, 1);
        try (MongoClient third = ClusterProcesses.direct(CLUSTER.cluster().router(2))) {
            assertThat(third.getDatabase(DB).getCollection("inserts").countDocuments(new Document("tag", "once")))
                    .isEqualTo(1);
        }
    }

    @Test
    void anIncrementRetriedThroughAnotherRouterRunsOnce() {
        BsonDocument update = new BsonDocument("update", new BsonString("counters"))
                .append("updates", new BsonArray(List.of(new BsonDocument("q", new BsonDocument("_id",
                        new BsonString("hits")))
                        .append("u", new BsonDocument("$inc", new BsonDocument("n", new BsonInt32(1))))
                        .append("upsert", BsonBoolean.TRUE))));
        sendTwice(update, 1);
        try (MongoClient third = ClusterProcesses.direct(CLUSTER.cluster().router(2))) {
            Document hits = third.getDatabase(DB).getCollection("counters").find(new Document("_id", "hits")).first();
            assertThat(hits).containsEntry("n", 1);
        }
    }

    /** {@code command} with one lsid and txnNumber through router 0, then the same bytes' worth through router 1. */
    private static void sendTwice(BsonDocument command, int n) {
        ClusterProcesses cluster = CLUSTER.cluster();
        command.append("ordered", BsonBoolean.TRUE).append("$db", new BsonString(DB))
                .append("lsid", new BsonDocument("id", new BsonBinary(UUID.randomUUID())))
                .append("txnNumber", new BsonInt64(7));
        try (BlockingWireClient a = BlockingWireClient.open(cluster.router(0).port(), WireClientOptions.defaults());
             BlockingWireClient b = BlockingWireClient.open(cluster.router(1).port(), WireClientOptions.defaults())) {
            BsonDocument first = a.run(command.clone());
            assertThat(first.getNumber("ok").intValue()).as(first.toJson()).isEqualTo(1);
            assertThat(first.getNumber("n").intValue()).as(first.toJson()).isEqualTo(n);
            BsonDocument retried = b.run(command.clone());
            assertThat(retried.getNumber("ok").intValue()).as("the retry is acknowledged: " + retried.toJson())
                    .isEqualTo(1);
            assertThat(retried.getNumber("n").intValue()).as(retried.toJson()).isEqualTo(n);
            assertThat(retried.containsKey("writeErrors")).as(retried.toJson()).isFalse();
        }
    }
}
