package io.jmongos.it.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import io.jmongos.server.JmongosServer;

/**
 * The bound on bytes held for incomplete messages across all connections: raw sockets send the first half of
 * 2 MiB messages and stall, against a server whose incompleteMessageBufferLimitBytes is 4 MiB. Past the limit the
 * oldest stalled senders are closed, one log line each; a driver keeps being served throughout, its own 2.5 MB
 * insert goes through (closing more stalled senders to make room), and the newest stalled sender, still open,
 * gets its ping answered once it sends the rest.
 */
class IncompleteMessageLimitTest {
    static final int MIB = 1024 * 1024;
    static final int LIMIT = 4 * MIB;
    static final int STALLED = 6;
    /** Each stalled sender's message, of which it sends {@link #SENT_BYTES}. */
    static final int MESSAGE_BYTES = 2 * MIB;
    static final int SENT_BYTES = MIB;
    /** How long readiness polls wait for the server to have read what was sent: generous, not a timing claim. */
    static final long POLL_DEADLINE_NANOS = 60_000_000_000L;
    static final String CLOSE_MESSAGE = "Closing connection: incomplete messages hold more memory than "
            + "incompleteMessageBufferLimitBytes allows, and this sender is the slowest";

    private JmongosServer server;
    private MongoClient client;
    private final List<PartialMessageSender> senders = new ArrayList<>();

    @BeforeEach
    void start() {
        server = LimitsServer.start("incompleteMessageBufferLimitBytes=" + LIMIT);
        client = LimitsServer.singleConnectionClient(server);
    }

    @AfterEach
    void stop() throws IOException {
        for (PartialMessageSender s : senders) {
            s.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Document incompleteMessages() {
        Document status = client.getDatabase("admin").runCommand(new Document("serverStatus", 1));
        return (Document) ((Document) status.get("network")).get("incompleteMessages");
    }

    private static long bytes(Document d) {
        return d.get("bytes", Number.class).longValue();
    }

    private static long closed(Document d) {
        return d.get("connectionsClosed", Number.class).longValue();
    }

    /** Polls serverStatus until {@code ready} holds (the server has read what the senders wrote). */
    private Document awaitStatus(Predicate<Document> ready) {
        long deadline = System.nanoTime() + POLL_DEADLINE_NANOS;
        Document d = incompleteMessages();
        while (!ready.test(d)) {
            assertThat(System.nanoTime() - deadline).as("server status never reached the state: %s", d).isNegative();
            Thread.onSpinWait();
            d = incompleteMessages();
        }
        return d;
    }

    private int ping() {
        return client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok", Number.class).intValue();
    }

    @Test
    void slowestSendersAreClosedAndEveryoneElseIsServed() throws IOException {
        assertThat(incompleteMessages().get("limitBytes", Number.class).longValue()).isEqualTo(LIMIT);
        try (LogEvents log = new LogEvents()) {
            for (int i = 1; i <= STALLED; i++) {
                PartialMessageSender s = new PartialMessageSender(server.mainPort(), MESSAGE_BYTES);
                senders.add(s);
                s.send(SENT_BYTES);
                long held = Math.min(i, LIMIT / SENT_BYTES) * (long) SENT_BYTES;
                long evicted = Math.max(0, i - LIMIT / SENT_BYTES);
                awaitStatus(d -> bytes(d) == held && closed(d) == evicted);
                assertThat(ping()).isEqualTo(1);
            }
            // The two oldest were closed to keep 4 MiB; the four newest are held.
            assertThat(senders.get(0).closedByServer()).isTrue();
            assertThat(senders.get(1).closedByServer()).isTrue();

            MongoCollection<Document> coll = client.getDatabase("limits").getCollection("partial");
            coll.insertOne(new Document("_id", 1).append("s", "y".repeat(5 * MIB / 2)));
            assertThat(coll.countDocuments()).isEqualTo(1);
            Document after = awaitStatus(d -> bytes(d) % SENT_BYTES == 0);
            long closedTotal = closed(after);
            assertThat(closedTotal).isBetween(4L, (long) STALLED - 1);
            assertThat(bytes(after)).isEqualTo((STALLED - closedTotal) * SENT_BYTES);

            // Oldest first: exactly the first closedTotal senders are closed; the newest is still served.
            for (int i = 0; i < closedTotal; i++) {
                assertThat(senders.get(i).closedByServer()).as("sender %d", i + 1).isTrue();
            }
            assertThat(senders.get(STALLED - 1).finishAndReadOk()).isEqualTo(1.0);
            assertThat(log.withMessage(CLOSE_MESSAGE)).hasSize((int) closedTotal);
            assertThat(ping()).isEqualTo(1);
        }
    }
}
