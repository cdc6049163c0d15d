package io.jmongos.engine.changes;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.TxnRole;
import org.bson.BsonDocument;

/**
 * Hooks change streams into the engine's command registry: {@code aggregate} with a leading
 * {@code $changeStream}, and {@code getMore}/{@code killCursors} on change stream cursors, are handled here;
 * everything else goes to the command that was registered before.
 */
public final class ChangeStreamCommands {
    private ChangeStreamCommands() {
    }

    /** Wraps {@code aggregate}, {@code getMore} and {@code killCursors} of {@code commands}. */
    public static void install(Map<String, EngineCommand> commands) {
        EngineCommand aggregate = commands.get("aggregate");
        commands.put("aggregate", new Wrapper(aggregate, op -> ChangeStreamOpener.applies(op.command()),
                ChangeStreamOpener::open));
        EngineCommand getMore = commands.get("getMore");
        commands.put("getMore", new Wrapper(getMore, ChangeStreamGetMore::applies, ChangeStreamGetMore::run));
        EngineCommand killCursors = commands.get("killCursors");
        commands.put("killCursors", new Wrapper(killCursors, ChangeStreamKill::applies,
                op -> ChangeStreamKill.run(op, killCursors)));
    }

    /** A command that change streams handle when {@code applies}, else the original one. */
    private record Wrapper(EngineCommand original, Predicate<OperationContext> applies,
                           Function<OperationContext, BsonDocument> handler) implements EngineCommand {
        @Override
        public BsonDocument run(OperationContext op) {
            return applies.test(op) ? handler.apply(op) : original.run(op);
        }

        @Override
        public TxnRole txnRole() {
            return original.txnRole();
        }
    }
}
