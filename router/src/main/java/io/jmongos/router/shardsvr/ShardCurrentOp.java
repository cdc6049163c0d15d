package io.jmongos.router.shardsvr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import io.jmongos.engine.EmbeddedEngine;
import io.jmongos.engine.EngineCursorInfo;
import io.jmongos.engine.EngineTransactionInfo;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandInterceptor;
import io.jmongos.router.ops.CurrentOpAggregation;
import io.jmongos.router.ops.CurrentOpOptions;
import io.jmongos.router.txn.TransactionReport;

/**
 * A shard server's {@code $currentOp} (an aggregate on admin whose first stage it is; the engine has none): the
 * process's own operations and connections as every role reports them ({@code ops.CurrentOpReporter}), plus the
 * engine's cursors ({@code idleCursors}) and its transactions open between statements ({@code idleSessions}), in
 * mongod's shapes. The whole report comes back in the first batch: the router that asked reads it at once.
 */
final class ShardCurrentOp implements CommandInterceptor {
    private final EmbeddedEngine engine;

    ShardCurrentOp(EmbeddedEngine engine) {
        this.engine = engine;
    }

    @Override
    public BsonDocument intercept(CommandContext ctx, CommandHandler handler, BsonDocument command,
                                  Invocation next) {
        if (!handler.name().equals("aggregate") || !CurrentOpAggregation.startsWithCurrentOp(command)) {
            return next.proceed(ctx, command);
        }
        return CurrentOpAggregation.runOnShard(ctx, command, this::engineEntries);
    }

    private List<BsonDocument> engineEntries(String host, CurrentOpOptions options) {
        List<BsonDocument> out = new ArrayList<>();
        if (options.idleSessions()) {
            String now = TransactionReport.ISO.format(Instant.now());
            for (EngineTransactionInfo t : engine.idleTransactions()) {
                BsonDocument parameters = new BsonDocument("txnNumber", new BsonInt64(t.txnNumber()))
                        .append("autocommit", BsonBoolean.FALSE);
                out.add(new BsonDocument("type", new BsonString("idleSession")).append("host", new BsonString(host))
                        .append("desc", new BsonString("inactive transaction"))
                        .append("active", BsonBoolean.FALSE).append("currentOpTime", new BsonString(now))
                        .append("lsid", t.lsid())
                        .append("transaction", new BsonDocument("parameters", parameters)
                                .append("timeOpenMicros", new BsonInt64(t.openNanos() / 1000))));
            }
        }
        if (options.idleCursors()) {
            for (EngineCursorInfo c : engine.openCursors()) {
                BsonDocument cursor = new BsonDocument("cursorId", new BsonInt64(c.id()))
                        .append("lastAccessDate", new BsonDateTime(c.lastUsedMillis()))
                        .append("originatingCommand", c.originatingCommand() == null ? new BsonDocument()
                                : c.originatingCommand());
                BsonDocument d = new BsonDocument("type", new BsonString("idleCursor"))
                        .append("host", new BsonString(host)).append("ns", new BsonString(c.ns()));
                if (c.lsid() != null) {
                    d.append("lsid", c.lsid());
                }
                out.add(d.append("cursor", cursor));
            }
        }
        return out;
    }
}
