package io.jmongos.router.sharding.merge;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.cursor.ClusterCursor;
import io.jmongos.router.cursor.CursorBatch;
import io.jmongos.router.cursor.CursorOptions;
import io.jmongos.router.cursor.CursorOrigin;
import io.jmongos.router.cursor.CursorSource;
import io.jmongos.router.routing.ShardRequestSender;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.OperationSessionInfo;

/** The first reply of a router cursor over several shards, registered in the cluster cursor manager when not done. */
public final class RouterCursors {
    private RouterCursors() {
    }

    /**
     * Read the first batch of {@code source} and answer {@code {cursor: {firstBatch, id, ns}}}; a source with more to
     * come is registered (the client gets the router's cursor id), an exhausted one has released its shard cursors.
     */
    public static BsonDocument firstReply(CommandContext ctx, String ns, CursorSource source, BsonDocument command,
                                          int firstBatchSize) {
        CursorBatch first;
        OperationSessionInfo osi = OperationSessionInfo.parse(command);
        try {
            first = source.next(firstBatchSize, null, osi.forwardFields());
        } catch (RuntimeException e) {
            source.kill();
            throw e;
        }
        long id = 0;
        if (!first.exhausted()) {
            CursorOrigin origin = new CursorOrigin(ClientInfo.of(ctx.connection()), osi.lsid(),
                    osi.inTransaction() ? osi.txnNumber() : null);
            ClusterCursor c = ctx.services().cursors().register(ns, source, origin,
                    ShardRequestSender.forwardable(command),
                    new CursorOptions(CommandArgs.optionalBool(command, "noCursorTimeout"), false, false),
                    first.documents().size());
            id = c.id();
        }
        BsonArray docs = first.documents();
        return new BsonDocument("cursor", new BsonDocument("firstBatch", docs).append("id", new BsonInt64(id))
                .append("ns", new BsonString(ns)));
    }
}
