package io.jmongos.bench.scale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import io.jmongos.bench.target.RunningTarget;

/**
 * Disconnect cleanup on the LB port: N clients each open a cursor (find, batchSize 1) and a transaction (an insert
 * with startTransaction), then all disconnect at once ({@link CleanupRound}). {@code $currentOp} (idleCursors,
 * idleSessions) checks, from a separate client, that exactly our cursors and transactions are listed before and
 * none after; meanwhile serverStatus counters are polled as fast as possible to time the cleanup per client
 * ({@link CleanupCounterPoller}). As the load scenarios do, one warm-up round comes first (its figures are kept,
 * under {@code warmUp}) and the target's JIT is let settle before each round; then {@link #ROUNDS} rounds are
 * measured and the figures are the round with the median p99 (all rounds listed under {@code rounds}).
 */
public final class DisconnectCleanupBench {
    static final String COLLECTION = "cleanup";
    static final String TXN_COLLECTION = "cleanupTxn";
    static final int TIMEOUT_MILLIS = 30_000;
    static final long POLL_DEADLINE_MILLIS = 60_000;
    /** Measured rounds after the warm-up round; odd, so one is the median. */
    static final int ROUNDS = 3;

    private DisconnectCleanupBench() {
    }

    /** Run on a jmongos target whose client port is the LB port; {@code admin} is on the main port. */
    public static BsonDocument run(RunningTarget target, MongoClient admin, int clients) throws Exception {
        MongoCollection<Document> docs = admin.getDatabase("bench").getCollection(COLLECTION);
        docs.drop();
        docs.insertMany(List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3)));
        admin.getDatabase("bench").getCollection(TXN_COLLECTION).drop();
        admin.getDatabase("bench").createCollection(TXN_COLLECTION);
        BsonDocument warmUp = CleanupRound.run(target, admin, clients, 0);
        List<BsonDocument> rounds = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) {
            rounds.add(CleanupRound.run(target, admin, clients, r * clients));
        }
        List<BsonDocument> byP99 = new ArrayList<>(rounds);
        byP99.sort(Comparator.comparingDouble(d -> d.getDouble("perClientP99Millis").getValue()));
        BsonDocument median = byP99.get(byP99.size() / 2).clone();
        BsonArray all = new BsonArray();
        for (BsonDocument d : rounds) {
            all.add(summary(d));
        }
        boolean allGone = warmUp.getBoolean("allGone").getValue()
                && rounds.stream().allMatch(d -> d.getBoolean("allGone").getValue());
        return median.append("allGone", BsonBoolean.valueOf(allGone))
                .append("figuresFrom", new BsonDocument("round", new BsonInt32(rounds.indexOf(
                        byP99.get(byP99.size() / 2)) + 1)).append("of", new BsonInt32(ROUNDS))
                        .append("chosenBy", new BsonString("median perClientP99Millis")))
                .append("rounds", all)
                .append("warmUp", summary(warmUp));
    }

    private static BsonDocument summary(BsonDocument d) {
        BsonDocument s = new BsonDocument();
        for (String k : List.of("perClientP50Millis", "perClientP99Millis", "perClientMaxMillis",
                "allGoneAfterFirstCloseMillis", "closeLoopMillis", "polls", "meanPollMillis", "allGone",
                "jitSettle")) {
            if (d.containsKey(k)) {
                s.append(k, d.get(k));
            }
        }
        return s;
    }
}
