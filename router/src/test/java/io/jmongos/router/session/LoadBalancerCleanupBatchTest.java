package io.jmongos.router.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.conn.ClientConnectionState;

/**
 * Many load-balanced clients, each with a cursor and a transaction, cleaned up together: one killCursors for all
 * their shard cursors of a namespace, one abortTransaction per transaction, and the same metrics as one by one.
 */
class LoadBalancerCleanupBatchTest {
    private final SessionTestRouter r = new SessionTestRouter();
    private final ClientConnectionState admin = r.connect(false);

    @AfterEach
    void tearDown() {
        r.close();
    }

    /** A load-balanced client with an open cursor on db.c and a transaction (one insert) in progress. */
    private ClientConnectionState clientWithCursorAndTransaction(int i) {
        ClientConnectionState c = r.connect(true);
        BsonDocument found = r.run(c, "db", new BsonDocument("find", new BsonString("c"))
                .append("batchSize", new BsonInt32(1)));
        assertThat(found.getDocument("cursor").getNumber("id").longValue()).isNotZero();
        BsonDocument inserted = r.run(c, "db", new BsonDocument("insert", new BsonString("t"))
                .append("documents", new BsonArray(List.of(new BsonDocument("_id", new BsonInt32(i)))))
                .append("lsid", LogicalSessionId.random().toBson()).append("txnNumber", new BsonInt64(1))
                .append("startTransaction", BsonBoolean.TRUE).append("autocommit", BsonBoolean.FALSE));
        assertThat(inserted.getNumber("ok").doubleValue()).isEqualTo(1.0);
        return c;
    }

    private long metric(String section, String field) {
        BsonDocument status = r.run(admin, "admin", new BsonDocument("serverStatus", new BsonInt32(1)));
        BsonDocument s = section.equals("cursor") ? status.getDocument("metrics").getDocument("cursor")
                : status.getDocument(section);
        return s.getNumber(field).longValue();
    }

    @Test
    void aChunkOfConnectionsSendsOneKillCursorsAndOneAbortPerTransaction() {
        r.shard.seed("db.c", 5);
        List<ClientConnectionState> clients = new ArrayList<>();
        for (int i = 0; i < LoadBalancerCleanupQueue.CHUNK; i++) {
            clients.add(clientWithCursorAndTransaction(i));
        }
        r.shard.clearReceived();

        LoadBalancerCleanup.Cleanup done = r.cleanup.cleanUp(clients);

        assertThat(done.cursorsKilled()).isEqualTo(LoadBalancerCleanupQueue.CHUNK);
        assertThat(done.transactionsAborted()).isEqualTo(LoadBalancerCleanupQueue.CHUNK);
        assertThat(r.shard.count("killCursors")).isEqualTo(1);
        assertThat(r.shard.received().stream().filter(x -> x.name().equals("killCursors")).findFirst().orElseThrow()
                .command().getArray("cursors")).hasSize(LoadBalancerCleanupQueue.CHUNK);
        assertThat(r.shard.count("abortTransaction")).isEqualTo(LoadBalancerCleanupQueue.CHUNK);
        assertThat(r.shard.openCursors()).isZero();
        assertThat(r.services.cursors().openTotal()).isZero();
        assertThat(metric("cursor", "killedByLoadBalancerDisconnect")).isEqualTo(LoadBalancerCleanupQueue.CHUNK);
        assertThat(metric("transactions", "abortedByLoadBalancerDisconnect"))
                .isEqualTo(LoadBalancerCleanupQueue.CHUNK);
        assertThat(metric("transactions", "currentOpen")).isZero();
        assertThat(r.run(admin, "admin", new BsonDocument("serverStatus", new BsonInt32(1)))
                .getDocument("transactions").getDocument("abortCause").getNumber("Interrupted").longValue())
                .isEqualTo(LoadBalancerCleanupQueue.CHUNK);

        LoadBalancerCleanup.Cleanup again = r.cleanup.cleanUp(clients);
        assertThat(again.cursorsKilled()).isZero();
        assertThat(again.transactionsAborted()).isZero();
        assertThat(r.shard.count("killCursors")).isEqualTo(1);
    }

    @Test
    void manyClientsDisconnectingAtOnceAreAllCleanedUpInChunks() throws Exception {
        r.shard.seed("db.c", 5);
        int n = 3 * LoadBalancerCleanupQueue.CHUNK + 7;
        List<ClientConnectionState> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(clientWithCursorAndTransaction(i));
        }
        r.shard.clearReceived();

        clients.forEach(r::disconnect);

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!r.cleanup.cleanupsIdle() || r.services.cursors().openTotal() > 0
                || metric("transactions", "currentOpen") > 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(1);
        }
        assertThat(r.shard.openCursors()).isZero();
        assertThat(r.shard.count("killCursors")).isBetween(1L, (long) n);
        assertThat(r.shard.count("abortTransaction")).isEqualTo(n);
        assertThat(metric("cursor", "killedByLoadBalancerDisconnect")).isEqualTo(n);
        assertThat(metric("transactions", "abortedByLoadBalancerDisconnect")).isEqualTo(n);
    }
}
