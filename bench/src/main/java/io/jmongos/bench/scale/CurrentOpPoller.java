package io.jmongos.bench.scale;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

/**
 * Lists, through {@code $currentOp} (idleCursors, idleSessions), which of a known set of cursor ids and session
 * ids still have an idle cursor or an open transaction.
 */
final class CurrentOpPoller {
    record Snapshot(int cursorsOpen, int txnsOpen, Set<Long> cursors, Set<UUID> txns) {
    }

    private final MongoDatabase adminDb;
    private final long[] cursorIds;
    private final UUID[] lsids;
    private final Map<Long, Integer> cursorOwner = new HashMap<>();
    private final Map<UUID, Integer> lsidOwner = new HashMap<>();
    private final BsonDocument command;

    CurrentOpPoller(MongoClient admin, long[] cursorIds, UUID[] lsids) {
        this.adminDb = admin.getDatabase("admin");
        this.cursorIds = cursorIds;
        this.lsids = lsids;
        for (int i = 0; i < cursorIds.length; i++) {
            cursorOwner.put(cursorIds[i], i);
            lsidOwner.put(lsids[i], i);
        }
        BsonArray pipeline = new BsonArray(List.of(
                new BsonDocument("$currentOp", new BsonDocument("idleCursors", BsonBoolean.TRUE)
                        .append("idleSessions", BsonBoolean.TRUE).append("allUsers", BsonBoolean.TRUE)),
                new BsonDocument("$match", new BsonDocument("type", new BsonDocument("$in",
                        new BsonArray(List.of(new BsonString("idleCursor"), new BsonString("idleSession")))))),
                new BsonDocument("$project", new BsonDocument("type", new BsonInt32(1))
                        .append("cursor.cursorId", new BsonInt32(1)).append("lsid.id", new BsonInt32(1))
                        .append("transaction", new BsonInt32(1)))));
        this.command = new BsonDocument("aggregate", new BsonInt32(1)).append("pipeline", pipeline)
                .append("cursor", new BsonDocument("batchSize", new BsonInt32(100_000)));
    }

    Snapshot poll() {
        BsonDocument reply = adminDb.runCommand(command, BsonDocument.class);
        BsonDocument cursor = reply.getDocument("cursor");
        if (cursor.getInt64("id").getValue() != 0) {
            adminDb.runCommand(new BsonDocument("killCursors", new BsonString("$cmd.aggregate"))
                    .append("cursors", new BsonArray(List.of(cursor.get("id")))), BsonDocument.class);
            throw new IllegalStateException("$currentOp result did not fit in one batch");
        }
        Set<Long> cursors = new HashSet<>();
        Set<UUID> txns = new HashSet<>();
        for (BsonValue v : cursor.getArray("firstBatch")) {
            BsonDocument d = v.asDocument();
            String type = d.getString("type").getValue();
            if ("idleCursor".equals(type) && d.isDocument("cursor")) {
                long id = d.getDocument("cursor").getNumber("cursorId").longValue();
                if (cursorOwner.containsKey(id)) {
                    cursors.add(id);
                }
            } else if ("idleSession".equals(type) && d.containsKey("transaction") && d.isDocument("lsid")) {
                BsonValue id = d.getDocument("lsid").get("id");
                if (id instanceof BsonBinary b && b.getData().length == 16) {
                    UUID u = b.asUuid();
                    if (lsidOwner.containsKey(u)) {
                        txns.add(u);
                    }
                }
            }
        }
        return new Snapshot(cursors.size(), txns.size(), cursors, txns);
    }
}
