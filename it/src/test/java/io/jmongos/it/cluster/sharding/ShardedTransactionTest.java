package io.jmongos.it.cluster.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.jmongos.it.cluster.InJvmCluster;
import io.jmongos.server.JmongosServer;

/**
 * Transactions over a sharded collection through the official Java driver: statements reach the shards their keys
 * target, each shard joins as a participant (reads inside see the transaction's writes, merged across shards),
 * commit makes every shard's writes visible, abort leaves none on any shard. (Several participants commit one after
 * another, without two-phase commit yet.)
 */
class ShardedTransactionTest {
    private static InJvmCluster cluster;
    private static MongoClient one;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster();
        one = InJvmCluster.client(cluster.routerOne);
        one.getDatabase("admin").runCommand(new Document("shardCollection", "tx.c").append("key",
                new Document("k", "hashed")));
        one.getDatabase("tx").getCollection("c").insertOne(new Document("_id", -1).append("k", -1));
    }

    @AfterAll
    static void stop() {
        if (one != null) {
            one.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static long onShard(JmongosServer shard) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            return c.getDatabase("tx").getCollection("c").countDocuments();
        }
    }

    @Test
    void commitAndAbortAcrossShards() {
        MongoCollection<Document> c = one.getDatabase("tx").getCollection("c");
        long before = onShard(cluster.shardA) + onShard(cluster.shardB);
        try (ClientSession s = one.startSession()) {
            s.startTransaction();
            for (int i = 0; i < 20; i++) {
                c.insertOne(s, new Document("_id", i).append("k", i));
            }
            assertThat(c.countDocuments(s, Filters.gte("_id", 0))).isEqualTo(20);
            assertThat(c.find(s).sort(Sorts.ascending("_id")).into(new ArrayList<>())).hasSize(21);
            assertThat(c.countDocuments(Filters.gte("_id", 0))).as("not visible outside before commit").isZero();
            s.commitTransaction();
        }
        assertThat(c.countDocuments(Filters.gte("_id", 0))).isEqualTo(20);
        assertThat(onShard(cluster.shardA)).isGreaterThan(0);
        assertThat(onShard(cluster.shardB)).isGreaterThan(0);
        long committed = onShard(cluster.shardA) + onShard(cluster.shardB);
        assertThat(committed).isEqualTo(before + 20);
        try (ClientSession s = one.startSession()) {
            s.startTransaction();
            for (int i = 100; i < 120; i++) {
                c.insertOne(s, new Document("_id", i).append("k", i));
            }
            c.deleteMany(s, Filters.lt("_id", 5));
            s.abortTransaction();
        }
        assertThat(onShard(cluster.shardA) + onShard(cluster.shardB)).isEqualTo(committed);
        List<Document> all = c.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertThat(all).hasSize(21);
    }
}
