package io.jmongos.router.command.data;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.cursor.ClusterCursor;
import io.jmongos.router.cursor.CursorOptions;
import io.jmongos.router.cursor.CursorOrigin;
import io.jmongos.router.cursor.ShardCursorSource;
import io.jmongos.router.ops.CurrentOpAggregation;
import io.jmongos.router.ops.ListSessionsAggregation;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.OperationSessionInfo;
import io.jmongos.router.session.SessionServices;

/**
 * A command that opens a cursor (find, aggregate, listCollections, listIndexes): forwarded to the shard;
 * when the shard's cursor stays open the router registers a cluster cursor over it and answers with the
 * router's cursor id instead of the shard's. {@code aggregate} with a leading {@code $currentOp},
 * {@code $listLocalSessions} or {@code $listSessions} is answered by the router itself. A {@code $changeStream}
 * aggregate opens a tailable, awaitData shard cursor: its getMores wait on the shard for new changes.
 */
public final class CursorCommand implements CommandHandler {
    private final String name;
    private final CommandSpec spec;
    private final SessionServices sessions;
    private final CurrentOpAggregation currentOp;
    private final ListSessionsAggregation listSessions;

    public CursorCommand(String name, CommandSpec spec, SessionServices sessions) {
        this.name = name;
        this.spec = spec;
        this.sessions = sessions;
        this.currentOp = name.equals("aggregate") ? new CurrentOpAggregation(sessions) : null;
        this.listSessions = name.equals("aggregate") ? new ListSessionsAggregation(sessions) : null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    /** A find by {@code _id} that the shard answers at once (an in-process point read) runs on the I/O thread. */
    @Override
    public boolean runsInline(RouterServices services, BsonDocument command) {
        BsonValue db = command.get("$db");
        return name.equals("find") && db != null && db.isString()
                && services.primaryShard().answersAtOnce(db.asString().getValue(), command);
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        if (currentOp != null && CurrentOpAggregation.applies(command)) {
            return currentOp.run(ctx, command);
        }
        if (listSessions != null && ListSessionsAggregation.applies(command)) {
            return listSessions.run(ctx, command);
        }
        BsonDocument reply = ShardForwarding.run(ctx, command);
        BsonValue cursorValue = reply.get("cursor");
        if (cursorValue == null || !cursorValue.isDocument()) {
            return reply; // explain, or an aggregate without a cursor
        }
        BsonDocument cursor = cursorValue.asDocument();
        long shardId = cursor.isNumber("id") ? cursor.getNumber("id").longValue() : 0;
        if (shardId == 0) {
            return reply;
        }
        String ns = cursor.getString("ns").getValue();
        OperationSessionInfo osi = OperationSessionInfo.parse(command);
        CursorOrigin origin = new CursorOrigin(ClientInfo.of(ctx.connection()), osi.lsid(),
                osi.inTransaction() ? osi.txnNumber() : null);
        int firstBatch = cursor.isArray("firstBatch") ? cursor.getArray("firstBatch").size() : 0;
        ClusterCursor c = sessions.cursors().register(ns,
                new ShardCursorSource(ctx.services().primaryShard(), ns, shardId), origin,
                ShardForwarding.forwardable(command), options(command), firstBatch);
        BsonDocument newCursor = new BsonDocument();
        for (var e : cursor.entrySet()) {
            newCursor.put(e.getKey(), e.getKey().equals("id") ? new BsonInt64(c.id()) : e.getValue());
        }
        BsonDocument out = new BsonDocument();
        for (var e : reply.entrySet()) {
            out.put(e.getKey(), e.getKey().equals("cursor") ? newCursor : e.getValue());
        }
        return out;
    }

    private static CursorOptions options(BsonDocument command) {
        boolean changeStream = isChangeStream(command);
        return new CursorOptions(CommandArgs.optionalBool(command, "noCursorTimeout"),
                changeStream || CommandArgs.optionalBool(command, "tailable"),
                changeStream || CommandArgs.optionalBool(command, "awaitData"));
    }

    /** An aggregate whose first stage is $changeStream (its cursor is tailable and awaitData, as in MongoDB). */
    static boolean isChangeStream(BsonDocument command) {
        BsonValue pipeline = command.get("pipeline");
        if (!command.getFirstKey().equals("aggregate") || pipeline == null || !pipeline.isArray()
                || pipeline.asArray().isEmpty() || !pipeline.asArray().get(0).isDocument()) {
            return false;
        }
        BsonDocument first = pipeline.asArray().get(0).asDocument();
        return !first.isEmpty() && first.getFirstKey().equals("$changeStream");
    }
}
