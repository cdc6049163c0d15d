package io.jmongos.engine.command.session;

import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.cursor.EngineCursor;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonValue;

/**
 * endSessions / killSessions with a list of lsids: aborts each session's open transaction, kills the
 * cursors it opened and forgets its in-memory state (its persisted retryable-write records stay).
 */
public final class EndSessionsCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        BsonValue list = op.command().get(op.commandName());
        if (list != null && list.isArray()) {
            for (BsonValue v : list.asArray()) {
                if (v.isDocument() && v.asDocument().containsKey("id")) {
                    BsonDocument lsid = v.asDocument();
                    op.services().sessions().end(lsid);
                    for (EngineCursor c : op.services().cursors().list()) {
                        if (c.lsid() != null && c.lsid().get("id").equals(lsid.get("id"))) {
                            op.services().cursors().kill(c.id());
                        }
                    }
                }
            }
        }
        return new BsonDocument("ok", new BsonDouble(1));
    }
}
