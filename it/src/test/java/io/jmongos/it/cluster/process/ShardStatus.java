package io.jmongos.it.cluster.process;

import org.bson.BsonDocument;
import org.bson.BsonInt32;

import com.mongodb.client.MongoClient;

/**
 * A shard server's own view of its cursors and transactions, read from its serverStatus over a direct connection
 * (mongod's fields: {@code metrics.cursor.open.total}, {@code transactions.currentOpen} / {@code totalAborted}).
 */
final class ShardStatus implements AutoCloseable {
    private final JmongosProcess shard;
    private final MongoClient client;

    ShardStatus(JmongosProcess shard) {
        this.shard = shard;
        this.client = ClusterProcesses.direct(shard);
    }

    BsonDocument serverStatus() {
        return client.getDatabase("admin").runCommand(new BsonDocument("serverStatus", new BsonInt32(1)),
                BsonDocument.class);
    }

    long openCursors() {
        return serverStatus().getDocument("metrics").getDocument("cursor").getDocument("open").getNumber("total")
                .longValue();
    }

    long openTransactions() {
        return transactions().getNumber("currentOpen").longValue();
    }

    long abortedTransactions() {
        return transactions().getNumber("totalAborted").longValue();
    }

    private BsonDocument transactions() {
        return serverStatus().getDocument("transactions");
    }

    /** For failure messages. */
    String describe() {
        BsonDocument s = serverStatus();
        return shard.name() + " cursor=" + s.getDocument("metrics").getDocument("cursor").toJson() + " transactions="
                + s.getDocument("transactions").toJson();
    }

    @Override
    public void close() {
        client.close();
    }
}
