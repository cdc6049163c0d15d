package io.jmongos.engine.changes;

import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * {@code killCursors} naming change stream cursors: they are killed here (waking a getMore that waits on one);
 * the other ids go to the engine's own killCursors and the two answers are merged.
 */
final class ChangeStreamKill {
    private ChangeStreamKill() {
    }

    /** True when the command is well-formed and names at least one change stream cursor. */
    static boolean applies(OperationContext op) {
        BsonDocument cmd = op.command();
        BsonValue target = cmd.get(cmd.getFirstKey());
        BsonValue ids = cmd.get("cursors");
        if (!target.isString() || ids == null || !ids.isArray()) {
            return false;
        }
        ChangeStreamCursors cursors = op.services().changes().cursors();
        for (BsonValue v : ids.asArray()) {
            if (!v.isInt64() && !v.isInt32()) {
                return false;
            }
        }
        for (BsonValue v : ids.asArray()) {
            if (cursors.get(v.asNumber().longValue()) != null) {
                return true;
            }
        }
        return false;
    }

    static BsonDocument run(OperationContext op, EngineCommand others) {
        BsonDocument cmd = op.command();
        String name = cmd.get(cmd.getFirstKey()).asString().getValue();
        String ns = name.startsWith("$cmd.") ? op.db() + "." + name : Namespace.of(op.db(), name).full();
        ChangeStreamCursors cursors = op.services().changes().cursors();
        BsonArray killed = new BsonArray();
        BsonArray notFound = new BsonArray();
        BsonArray rest = new BsonArray();
        for (BsonValue v : cmd.getArray("cursors")) {
            long id = v.asNumber().longValue();
            ChangeStreamCursor c = cursors.get(id);
            if (c == null) {
                rest.add(v);
            } else if (c.ns().equals(ns) && cursors.kill(id)) {
                killed.add(new BsonInt64(id));
            } else {
                notFound.add(new BsonInt64(id));
            }
        }
        BsonDocument reply = new BsonDocument("cursorsKilled", killed).append("cursorsNotFound", notFound)
                .append("cursorsAlive", new BsonArray()).append("cursorsUnknown", new BsonArray());
        if (!rest.isEmpty()) {
            BsonDocument sub = cmd.clone();
            sub.put("cursors", rest);
            BsonDocument r = others.run(op.withCommand(sub));
            for (String field : new String[] {"cursorsKilled", "cursorsNotFound", "cursorsAlive", "cursorsUnknown"}) {
                if (r.isArray(field)) {
                    reply.getArray(field).addAll(r.getArray(field));
                }
            }
        }
        return reply.append("ok", new BsonDouble(1));
    }
}
