package io.jmongos.router.ops;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.Limits;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.cursor.ClusterCursor;
import io.jmongos.router.cursor.CursorBatch;
import io.jmongos.router.cursor.CursorOptions;
import io.jmongos.router.cursor.CursorOrigin;
import io.jmongos.router.cursor.LocalCursorSource;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.OperationSessionInfo;

/**
 * The reply of an aggregate the router answers itself ($currentOp, $listLocalSessions, $listSessions): the first
 * batch, and a router-held cursor over the rest, as a shard cursor would be.
 */
final class LocalAggregateReply {
    private LocalAggregateReply() {
    }

    static BsonDocument serve(CommandContext ctx, BsonDocument command, String ns,
                              List<BsonDocument> docs) {
        BsonValue cursorSpec = command.get("cursor");
        long batchSize = cursorSpec != null && cursorSpec.isDocument()
                ? CommandArgs.optionalNonNegative(cursorSpec.asDocument(), "aggregate.cursor", "batchSize",
                        Integer.MAX_VALUE, Limits.DEFAULT_FIRST_BATCH_SIZE)
                : Limits.DEFAULT_FIRST_BATCH_SIZE;
        LocalCursorSource source = new LocalCursorSource(docs);
        CursorBatch first = batchSize == 0 ? new CursorBatch(new BsonArray(), docs.isEmpty(), new BsonDocument())
                : source.next((int) batchSize, null, new BsonDocument());
        long id = 0;
        if (!first.exhausted()) {
            OperationSessionInfo osi = OperationSessionInfo.parse(command);
            ClusterCursor c = ctx.services().cursors().register(ns, source,
                    new CursorOrigin(ClientInfo.of(ctx.connection()), osi.lsid(),
                            osi.inTransaction() ? osi.txnNumber() : null),
                    command, CursorOptions.DEFAULT, first.documents().size());
            id = c.id();
        }
        return new BsonDocument("cursor", new BsonDocument("firstBatch", first.documents())
                .append("id", new BsonInt64(id)).append("ns", new BsonString(ns)));
    }
}
