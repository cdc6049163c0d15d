package io.jmongos.engine.command.crud;

import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.TxnRole;
import io.jmongos.engine.cursor.EngineCursor;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/** killCursors: kills the listed cursors of a namespace; reports killed / not found. */
public final class KillCursorsCommand implements EngineCommand {
    @Override
    public TxnRole txnRole() {
        return TxnRole.IN_TRANSACTION;
    }

    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        BsonValue target = cmd.get(cmd.getFirstKey());
        if (!target.isString()) {
            throw CommandArgs.wrongType(cmd, cmd.getFirstKey(), target, "string");
        }
        String name = target.asString().getValue();
        String ns = name.startsWith("$cmd.") ? op.db() + "." + name : Namespace.of(op.db(), name).full();
        BsonArray ids = CommandArgs.requiredArray(cmd, "cursors");
        BsonArray killed = new BsonArray();
        BsonArray notFound = new BsonArray();
        for (BsonValue v : ids) {
            if (!v.isInt64() && !v.isInt32()) {
                throw CommandArgs.wrongType(cmd, "cursors", v, "long");
            }
            long id = v.asNumber().longValue();
            EngineCursor c = op.services().cursors().find(id);
            if (c != null && c.ns().equals(ns) && op.services().cursors().kill(id)) {
                killed.add(new BsonInt64(id));
                if (op.inTransaction()) {
                    op.transaction().removeCursor(id);
                }
            } else {
                notFound.add(new BsonInt64(id));
            }
        }
        return new BsonDocument("cursorsKilled", killed).append("cursorsNotFound", notFound)
                .append("cursorsAlive", new BsonArray()).append("cursorsUnknown", new BsonArray())
                .append("ok", new BsonDouble(1));
    }
}
