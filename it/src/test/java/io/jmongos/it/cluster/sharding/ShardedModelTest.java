package io.jmongos.it.cluster.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.jmongos.it.cluster.InJvmCluster;

/**
 * A seeded random sequence of writes and reads run against a sharded collection (hashed key over three shard
 * servers, written through one router and read through the other) and an unsharded copy, comparing every result:
 * inserts (ordered and unordered bulks with duplicate _ids, whose errors must carry the same indexes), updateMany,
 * updateOne, deleteMany, finds with filters, sorts, skip and limit, counts, distincts and aggregations. Bounded: 150
 * steps, one seed per run printed in the assertion messages.
 */
class ShardedModelTest {
    private static final int STEPS = 150;
    private static InJvmCluster cluster;
    private static MongoClient one;
    private static MongoClient two;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster(3);
        one = InJvmCluster.client(cluster.routerOne);
        two = InJvmCluster.client(cluster.routerTwo);
        one.getDatabase("admin").runCommand(new Document("shardCollection", "model.s")
                .append("key", new Document("k", "hashed")));
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

    /** What a bulk insert did: how many went in and the indexes and codes of its errors. */
    private static String insert(MongoCollection<Document> c, List<Document> docs, boolean ordered) {
        try {
            c.insertMany(docs, new InsertManyOptions().ordered(ordered));
            return "ok " + docs.size();
        } catch (MongoBulkWriteException e) {
            StringBuilder sb = new StringBuilder("inserted " + e.getWriteResult().getInsertedCount());
            e.getWriteErrors().forEach(w -> sb.append(" [").append(w.getIndex()).append(' ').append(w.getCode())
                    .append(']'));
            return sb.toString();
        }
    }

    @Test
    void everyResultMatchesTheUnshardedCopy() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        MongoCollection<Document> writeS = one.getDatabase("model").getCollection("s");
        MongoCollection<Document> readS = two.getDatabase("model").getCollection("s");
        MongoCollection<Document> plain = one.getDatabase("model").getCollection("p");
        int nextId = 0;
        for (int step = 0; step < STEPS; step++) {
            String at = "seed " + seed + " step " + step;
            int op = r.nextInt(9);
            if (op <= 2) {
                List<Document> docs = new ArrayList<>();
                int n = 1 + r.nextInt(12);
                for (int i = 0; i < n; i++) {
                    int id = r.nextInt(5) == 0 && nextId > 0 ? r.nextInt(nextId) : nextId++;
                    Document d = new Document("_id", id).append("g", r.nextInt(6)).append("v", r.nextInt(100));
                    // the key follows from _id, so a duplicate _id lands on the shard of the first one (_id is
                    // unique per shard only, in MongoDB as here); one in ten has none: its key is null
                    if (id % 10 != 0) {
                        d.append("k", id % 40);
                    }
                    docs.add(d);
                }
                boolean ordered = r.nextBoolean();
                assertThat(insert(writeS, docs, ordered)).as(at).isEqualTo(insert(plain, docs, ordered));
            } else if (op == 3) {
                Bson f = Filters.eq("g", r.nextInt(6));
                Bson u = Updates.inc("v", r.nextInt(10));
                assertThat(writeS.updateMany(f, u).getModifiedCount()).as(at)
                        .isEqualTo(plain.updateMany(f, u).getModifiedCount());
            } else if (op == 4) {
                Bson f = Filters.eq("_id", r.nextInt(Math.max(1, nextId)));
                Bson u = Updates.set("w", r.nextInt(5));
                assertThat(writeS.updateOne(f, u).getMatchedCount()).as(at)
                        .isEqualTo(plain.updateOne(f, u).getMatchedCount());
            } else if (op == 5) {
                Bson f = Filters.and(Filters.eq("k", r.nextInt(40)), Filters.lt("v", 50));
                assertThat(writeS.deleteMany(f).getDeletedCount()).as(at).isEqualTo(plain.deleteMany(f)
                        .getDeletedCount());
            } else if (op == 6) {
                Bson f = r.nextBoolean() ? Filters.in("k", r.nextInt(40), r.nextInt(40))
                        : Filters.gt("v", r.nextInt(100));
                Bson sort = r.nextBoolean() ? Sorts.orderBy(Sorts.descending("v"), Sorts.ascending("_id"))
                        : Sorts.ascending("_id");
                int skip = r.nextInt(5);
                int limit = r.nextInt(20);
                assertThat(readS.find(f).sort(sort).skip(skip).limit(limit).batchSize(3).into(new ArrayList<>()))
                        .as(at).isEqualTo(plain.find(f).sort(sort).skip(skip).limit(limit).into(new ArrayList<>()));
            } else if (op == 7) {
                Bson f = Filters.gte("v", r.nextInt(100));
                assertThat(readS.countDocuments(f)).as(at).isEqualTo(plain.countDocuments(f));
                assertThat(readS.distinct("g", f, Integer.class).into(new ArrayList<>())).as(at)
                        .isEqualTo(plain.distinct("g", f, Integer.class).into(new ArrayList<>()));
            } else {
                List<Bson> p = List.of(Aggregates.match(Filters.lt("v", 50 + r.nextInt(60))),
                        Aggregates.group("$g", Accumulators.sum("n", 1), Accumulators.sum("total", "$v"),
                                Accumulators.min("low", "$v"), Accumulators.avg("mean", "$v")),
                        Aggregates.sort(Sorts.ascending("_id")));
                assertThat(readS.aggregate(p).into(new ArrayList<>())).as(at)
                        .isEqualTo(plain.aggregate(p).into(new ArrayList<>()));
            }
        }
        assertThat(readS.find().sort(Sorts.ascending("_id")).into(new ArrayList<>())).as("seed " + seed)
                .isEqualTo(plain.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
    }
}
