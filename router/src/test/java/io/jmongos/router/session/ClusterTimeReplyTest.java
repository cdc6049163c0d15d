package io.jmongos.router.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.conn.ClientConnectionState;

/** The {@code $clusterTime} of replies: one shared immutable document per clock value, the fields MongoDB sends. */
class ClusterTimeReplyTest {
    private final SessionTestRouter r = new SessionTestRouter();
    private final ClientConnectionState conn = r.connect(false);

    @AfterEach
    void tearDown() {
        r.close();
    }

    private BsonDocument ping() {
        return r.run(conn, "admin", new BsonDocument("ping", new BsonInt32(1)));
    }

    @Test
    void readsAtOneClockValueShareOneImmutableDocument() {
        BsonDocument first = ping();
        BsonDocument second = ping();
        BsonDocument ct = first.getDocument("$clusterTime");
        assertThat(second.getDocument("$clusterTime")).isSameAs(ct);
        assertThat(ct).isEqualTo(new BsonDocument("clusterTime", first.getTimestamp("operationTime"))
                .append("signature", new BsonDocument("hash", new BsonBinary(new byte[20]))
                        .append("keyId", new BsonInt64(0))));
        assertThat(second.getTimestamp("operationTime")).isEqualTo(first.getTimestamp("operationTime"));
        assertThatThrownBy(() -> ct.put("clusterTime", new BsonTimestamp(1, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aWriteMovesTheClockAndTheNextReplyCarriesTheNewTime() {
        BsonDocument before = ping();
        BsonDocument write = r.run(conn, "db", new BsonDocument("insert", new BsonString("c"))
                .append("documents", new BsonArray(List.of(new BsonDocument("_id", new BsonInt32(1))))));
        BsonTimestamp written = write.getTimestamp("operationTime");
        assertThat(written.compareTo(before.getTimestamp("operationTime"))).isPositive();
        assertThat(write.getDocument("$clusterTime").getTimestamp("clusterTime")).isEqualTo(written);
        BsonDocument after = ping();
        assertThat(after.getDocument("$clusterTime").getTimestamp("clusterTime")).isEqualTo(written);
        assertThat(after.getTimestamp("operationTime")).isEqualTo(written);
    }

    @Test
    void gossipedTimesAdvanceTheClockAndOlderOnesDoNot() {
        BsonTimestamp now = ping().getTimestamp("operationTime");
        BsonTimestamp later = new BsonTimestamp(now.getTime() + 10, 1);
        BsonDocument gossip = new BsonDocument("ping", new BsonInt32(1))
                .append("$clusterTime", new BsonDocument("clusterTime", later));
        assertThat(r.run(conn, "admin", gossip).getTimestamp("operationTime")).isEqualTo(later);
        BsonDocument old = new BsonDocument("ping", new BsonInt32(1))
                .append("$clusterTime", new BsonDocument("clusterTime", now));
        BsonDocument reply = r.run(conn, "admin", old);
        assertThat(reply.getTimestamp("operationTime")).isEqualTo(later);
        assertThat(reply.getDocument("$clusterTime").getTimestamp("clusterTime")).isEqualTo(later);
    }

    @Test
    void errorsCarryTheClusterTimeToo() {
        BsonDocument err = r.run(conn, "db", new BsonDocument("getMore", new BsonInt64(5))
                .append("collection", new BsonString("c")));
        assertThat(err.getNumber("ok").intValue()).isZero();
        assertThat(err.getDocument("$clusterTime").getTimestamp("clusterTime"))
                .isEqualTo(err.getTimestamp("operationTime"));
        assertThat(err.getDocument("$clusterTime").getDocument("signature").getBinary("hash").getData())
                .hasSize(20);
    }
}
