package io.jmongos.engine.command.diag;

import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import org.bson.BsonDocument;
import org.bson.BsonDouble;

/** ping: {ok: 1}. */
public final class PingCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        return new BsonDocument("ok", new BsonDouble(1));
    }
}
