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
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.OperationSessionInfo;
import io.jmongos.router.routing.ShardRequestSender;

/**
 * A command that opens a cursor (find, aggregate, listCollections, listIndexes): forwarded to the shard;
 * when the shard's cursor stays open the router registers a cluster cursor over it and answers with the
 * router's cursor id instead of the shard's. An {@code aggregate} whose first stage is one of the
 * {@link RouterStages} is answered by the router itself. A {@code $changeStream}
 * aggregate opens a tailable, awaitData shard cursor: its getMores wait on the shard for new changes.
 */
public final class CursorCommand implements CommandHandler {
    private final String name;
    private final CommandSpec spec;

    public CursorCommand(String name, CommandSpec spec) {
        this.name = name;
        this.spec = spec;
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
        if (!name.equals("find") || db == null || !db.isString()) {
            return false;
        }
        Shard primary = services.routing().primaryIfKnown(db.asString().getValue());
        return primary != null && primary.answersAtOnce(db.asString().getValue(), command);
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        RouterStages.RouterAggregation local = name.equals("aggregate")
                ? ctx.services().routerStages().forCommand(command) : null;
        if (local != null) {
            return local.run(ctx, command);
        }
        RouterServices services = ctx.services();
        ShardReply shardReply = services.sender().toPrimary(ctx.db(), command, writes(command));
        BsonDocument reply = shardReply.bodyOrThrow();
        BsonDocument cursor = shardReply.cursor();
        long shardId = shardReply.cursorId();
        if (cursor == null || shardId == 0) {
            return reply; // explain, an aggregate without a cursor, or a cursor already exhausted
        }
        String ns = cursor.getString("ns").getValue();
        OperationSessionInfo osi = OperationSessionInfo.parse(command);
        CursorOrigin origin = new CursorOrigin(ClientInfo.of(ctx.connection()), osi.lsid(),
                osi.inTransaction() ? osi.txnNumber() : null);
        int firstBatch = cursor.isArray("firstBatch") ? cursor.getArray("firstBatch").size() : 0;
        Shard shard = services.shards().get(shardReply.shardName());
        ClusterCursor c = services.cursors().register(ns,
                new ShardCursorSource(services.sender(), shard, ns, shardId), origin,
                ShardRequestSender.forwardable(command), options(command), firstBatch);
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

    /** An aggregate that writes ($out, $merge) creates its database, as any write does. */
    static boolean writes(BsonDocument command) {
        BsonValue pipeline = command.get("pipeline");
        if (!command.getFirstKey().equals("aggregate") || pipeline == null || !pipeline.isArray()) {
            return false;
        }
        for (BsonValue stage : pipeline.asArray()) {
            if (stage.isDocument() && (stage.asDocument().containsKey("$out")
                    || stage.asDocument().containsKey("$merge"))) {
                return true;
            }
        }
        return false;
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
