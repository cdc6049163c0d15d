package io.jmongos.router.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.session.LogicalSessionId;
import io.jmongos.router.session.SessionTestRouter;

class ListSessionsAggregationTest {
    private final SessionTestRouter r = new SessionTestRouter();
    private final ClientConnectionState conn = r.connect(false);

    @AfterEach
    void tearDown() {
        r.close();
    }

    private BsonDocument aggregate(String db, BsonValue target, BsonValue... stages) {
        return r.run(conn, db, new BsonDocument("aggregate", target)
                .append("pipeline", new BsonArray(List.of(stages))).append("cursor", new BsonDocument()));
    }

    private BsonDocument listLocal(BsonDocument spec, BsonValue... more) {
        BsonValue[] stages = new BsonValue[more.length + 1];
        stages[0] = new BsonDocument("$listLocalSessions", spec);
        System.arraycopy(more, 0, stages, 1, more.length);
        return aggregate("admin", new BsonInt32(1), stages);
    }

    private static List<BsonValue> batch(BsonDocument reply) {
        assertThat(reply.containsKey("cursor")).as("reply %s", reply.toJson()).isTrue();
        return reply.getDocument("cursor").getArray("firstBatch");
    }

    private LogicalSessionId useSession() {
        LogicalSessionId lsid = LogicalSessionId.random();
        r.run(conn, "admin", new BsonDocument("ping", new BsonInt32(1)).append("lsid", lsid.toBson()));
        return lsid;
    }

    @Test
    void listsTheCachedSessionsWithIdUidAndLastUse() {
        LogicalSessionId a = useSession();
        LogicalSessionId b = useSession();
        List<BsonValue> all = batch(listLocal(new BsonDocument()));
        assertThat(all).extracting(v -> v.asDocument().getDocument("_id"))
                .contains(a.toBsonWithUid(), b.toBsonWithUid());
        BsonDocument one = all.get(0).asDocument();
        assertThat(one.keySet()).containsExactly("_id", "lastUse");
        assertThat(one.isDateTime("lastUse")).isTrue();
        assertThat(one.getDocument("_id").getBinary("uid").getData()).hasSize(32);
        assertThat(batch(listLocal(new BsonDocument("allUsers", BsonBoolean.TRUE)))).hasSameSizeAs(all);
        List<BsonValue> matched = batch(listLocal(new BsonDocument(), new BsonDocument("$match",
                new BsonDocument("_id.id", a.toBson().get("id")))));
        assertThat(matched).extracting(v -> v.asDocument().getDocument("_id")).containsExactly(a.toBsonWithUid());
    }

    @Test
    void laterStagesRunAsInTheUnifiedTestFormatExample() {
        useSession();
        List<BsonValue> out = batch(listLocal(new BsonDocument(), new BsonDocument("$limit", new BsonInt32(1)),
                new BsonDocument("$addFields", new BsonDocument("dummy", new BsonString("dummy field"))),
                new BsonDocument("$project", new BsonDocument("_id", new BsonInt32(0)).append("dummy",
                        new BsonInt32(1)))));
        assertThat(out).containsExactly(new BsonDocument("dummy", new BsonString("dummy field")));
    }

    @Test
    void otherUsersHaveNoSessionsWithoutAuthentication() {
        useSession();
        BsonDocument user = new BsonDocument("user", new BsonString("alice")).append("db", new BsonString("admin"));
        assertThat(batch(listLocal(new BsonDocument("users", new BsonArray(List.of(user)))))).isEmpty();
        assertThat(batch(listLocal(new BsonDocument("users", new BsonArray(List.of(new BsonDocument("user",
                new BsonString("")).append("db", new BsonString("")))))))).isNotEmpty();
    }

    @Test
    void listSessionsReadsTheSameCacheOnConfigSystemSessions() {
        LogicalSessionId a = useSession();
        List<BsonValue> out = batch(aggregate("config", new BsonString("system.sessions"),
                new BsonDocument("$listSessions", new BsonDocument("allUsers", BsonBoolean.TRUE))));
        assertThat(out).extracting(v -> v.asDocument().getDocument("_id")).contains(a.toBsonWithUid());
        assertThat(out.get(0).asDocument().getString("ns", null)).isNull();
        BsonDocument wrong = aggregate("admin", new BsonInt32(1), new BsonDocument("$listSessions",
                new BsonDocument()));
        assertThat(wrong.getNumber("code").intValue()).isEqualTo(73);
        assertThat(wrong.getString("errmsg").getValue())
                .isEqualTo("$listSessions may only be run against config.system.sessions");
    }

    @Test
    void optionsAndPlacementAreChecked() {
        BsonDocument both = listLocal(new BsonDocument("allUsers", BsonBoolean.TRUE).append("users",
                new BsonArray(List.of(new BsonDocument("user", new BsonString("u")).append("db",
                        new BsonString("d"))))));
        assertThat(both.getNumber("code").intValue()).isEqualTo(12);
        assertThat(listLocal(new BsonDocument("bogus", BsonBoolean.TRUE)).getNumber("code").intValue())
                .isEqualTo(40415);
        assertThat(aggregate("admin", new BsonInt32(1), new BsonDocument("$listLocalSessions", new BsonInt32(1)))
                .getNumber("code").intValue()).isEqualTo(14);
        BsonDocument onCollection = aggregate("db", new BsonString("c"),
                new BsonDocument("$listLocalSessions", new BsonDocument()));
        assertThat(onCollection.getNumber("code").intValue()).isEqualTo(73);
        BsonDocument later = listLocal(new BsonDocument(), new BsonDocument("$listLocalSessions",
                new BsonDocument()));
        assertThat(later.getNumber("code").intValue()).isEqualTo(40602);
        assertThat(later.getString("errmsg").getValue())
                .isEqualTo("$listLocalSessions is only valid as the first stage in a pipeline");
    }

    @Test
    void manyResultsAreServedThroughARouterCursor() {
        for (int i = 0; i < 5; i++) {
            useSession();
        }
        BsonDocument reply = r.run(conn, "admin", new BsonDocument("aggregate", new BsonInt32(1))
                .append("pipeline", new BsonArray(List.of(new BsonDocument("$listLocalSessions",
                        new BsonDocument())))).append("cursor", new BsonDocument("batchSize", new BsonInt32(2))));
        BsonDocument cursor = reply.getDocument("cursor");
        assertThat(cursor.getArray("firstBatch")).hasSize(2);
        assertThat(cursor.getString("ns").getValue()).isEqualTo("admin.$cmd.aggregate");
        BsonDocument more = r.run(conn, "admin", new BsonDocument("getMore", cursor.get("id"))
                .append("collection", new BsonString("$cmd.aggregate")));
        assertThat(more.getDocument("cursor").getArray("nextBatch")).hasSizeGreaterThanOrEqualTo(3);
    }
}
