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

class CurrentOpPipelineTest {
    private final SessionTestRouter r = new SessionTestRouter();
    private final ClientConnectionState conn = r.connect(false);

    @AfterEach
    void tearDown() {
        r.close();
    }

    private BsonDocument aggregate(BsonValue... stages) {
        return r.run(conn, "admin", new BsonDocument("aggregate", new BsonInt32(1))
                .append("pipeline", new BsonArray(List.of(stages))).append("cursor", new BsonDocument()));
    }

    @Test
    void laterStagesRunInTheAggregationModule() {
        r.shard.seed("db.c", 10);
        for (int i = 0; i < 3; i++) {
            r.run(conn, "db", new BsonDocument("find", new BsonString("c")).append("batchSize", new BsonInt32(1))
                    .append("lsid", LogicalSessionId.random().toBson()));
        }
        BsonDocument reply = aggregate(
                new BsonDocument("$currentOp", new BsonDocument("idleCursors", BsonBoolean.TRUE)),
                new BsonDocument("$match", new BsonDocument("type", new BsonString("idleCursor"))),
                new BsonDocument("$project", new BsonDocument("ns", new BsonInt32(1)).append("_id", new BsonInt32(0))),
                new BsonDocument("$group", new BsonDocument("_id", new BsonString("$ns"))
                        .append("n", new BsonDocument("$sum", new BsonInt32(1)))));
        assertThat(reply.getDocument("cursor").getArray("firstBatch")).containsExactly(
                new BsonDocument("_id", new BsonString("db.c")).append("n", new BsonInt32(3)));
    }

    @Test
    void currentOpMustBeFirstAndOptionsAreChecked() {
        BsonDocument later = aggregate(new BsonDocument("$currentOp", new BsonDocument()),
                new BsonDocument("$currentOp", new BsonDocument()));
        assertThat(later.getNumber("code").intValue()).isEqualTo(40602);
        BsonDocument badOption = aggregate(new BsonDocument("$currentOp", new BsonDocument("bogus",
                BsonBoolean.TRUE)));
        assertThat(badOption.getNumber("code").intValue()).isEqualTo(9);
        assertThat(badOption.getString("errmsg").getValue()).isEqualTo("Unrecognized option 'bogus' in $currentOp stage.");
        BsonDocument notBool = aggregate(new BsonDocument("$currentOp", new BsonDocument("idleCursors",
                new BsonInt32(1))));
        assertThat(notBool.getNumber("code").intValue()).isEqualTo(9);
    }

    @Test
    void activeOperationsIncludeTheCurrentOpItself() {
        BsonDocument reply = r.run(conn, "admin", new BsonDocument("currentOp", new BsonInt32(1)));
        List<BsonValue> inprog = reply.getArray("inprog");
        assertThat(inprog).anySatisfy(v -> {
            BsonDocument op = v.asDocument();
            assertThat(op.getString("op").getValue()).isEqualTo("command");
            assertThat(op.getDocument("command").containsKey("currentOp")).isTrue();
            assertThat(op.getBoolean("active").getValue()).isTrue();
            assertThat(op.getString("client").getValue()).isEqualTo("10.9.8.7:50000");
            assertThat(op.getNumber("opid").intValue()).isPositive();
        });
    }
}
