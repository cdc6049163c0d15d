package io.jmongos.it.cluster.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.jmongos.it.cluster.InJvmCluster;
import io.jmongos.server.JmongosServer;

/**
 * The balancer through the official Java driver: with a 1 MiB chunk size, a ranged collection whose four chunks
 * hold about 4 MiB on one shard gets a chunk moved to the other shard by a balancer round (MongoDB 7's rule: three
 * chunk sizes of difference), the data stays whole through both routers, and balancerStop / balancerStart /
 * balancerStatus answer as mongosh expects.
 */
class BalancerTest {
    /** How long the test waits for a balancer round to move a chunk: rounds are 10 s apart. */
    private static final long DEADLINE_MILLIS = 120_000;
    private static final int DOCS = 4000;
    private static InJvmCluster cluster;
    private static MongoClient one;
    private static MongoClient two;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster();
        one = InJvmCluster.client(cluster.routerOne);
        two = InJvmCluster.client(cluster.routerTwo);
    }

    @AfterAll
    static void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<String> chunkShards(String ns) {
        Document entry = one.getDatabase("config").getCollection("collections").find(new Document("_id", ns)).first();
        List<String> out = new ArrayList<>();
        one.getDatabase("config").getCollection("chunks").find(new Document("uuid", entry.get("uuid")))
                .sort(new Document("min", 1)).forEach(c -> out.add(c.getString("shard")));
        return out;
    }

    private static long onShard(JmongosServer shard) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            return c.getDatabase("bal").getCollection("c").countDocuments();
        }
    }

    @Test
    void aRoundMovesAChunkOffTheFullShard() throws InterruptedException {
        one.getDatabase("config").getCollection("settings").updateOne(new Document("_id", "chunksize"),
                Updates.set("value", 1), new UpdateOptions().upsert(true));
        one.getDatabase("admin").runCommand(new Document("shardCollection", "bal.c").append("key",
                new Document("k", 1)));
        MongoCollection<Document> c = two.getDatabase("bal").getCollection("c");
        String pad = "x".repeat(1000);
        List<Document> docs = new ArrayList<>();
        for (int k = 0; k < DOCS; k++) {
            docs.add(new Document("_id", k).append("k", k).append("pad", pad));
        }
        c.insertMany(docs);
        for (int k = 1000; k < DOCS; k += 1000) {
            one.getDatabase("admin").runCommand(new Document("split", "bal.c").append("middle", new Document("k", k)));
        }
        String primary = chunkShards("bal.c").get(0);
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (chunkShards("bal.c").stream().allMatch(primary::equals) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        List<String> after = chunkShards("bal.c");
        assertThat(after).as("a chunk moved off %s", primary).anyMatch(s -> !s.equals(primary));
        assertThat(after.stream().filter(s -> !s.equals(primary)).count()).isEqualTo(1);
        JmongosServer other = cluster.shard(after.stream().filter(s -> !s.equals(primary)).findFirst().get());
        assertThat(onShard(other)).isEqualTo(1000);
        assertThat(onShard(cluster.shard(primary))).isEqualTo(DOCS - 1000);
        assertThat(one.getDatabase("bal").getCollection("c").countDocuments()).isEqualTo(DOCS);
        assertThat(c.countDocuments()).isEqualTo(DOCS);

        Document status = one.getDatabase("admin").runCommand(new Document("balancerStatus", 1));
        assertThat(status.getString("mode")).isEqualTo("full");
        one.getDatabase("admin").runCommand(new Document("balancerStop", 1));
        assertThat(two.getDatabase("admin").runCommand(new Document("balancerStatus", 1)).getString("mode"))
                .isEqualTo("off");
        assertThat(one.getDatabase("config").getCollection("settings").find(new Document("_id", "balancer")).first()
                .getBoolean("stopped")).isTrue();
        two.getDatabase("admin").runCommand(new Document("balancerStart", 1));
        assertThat(one.getDatabase("admin").runCommand(new Document("balancerStatus", 1)).getString("mode"))
                .isEqualTo("full");
    }
}
