package io.jmongos.engine.command;

import java.util.HashMap;
import java.util.Map;

import io.jmongos.engine.changes.ChangeStreamCommands;
import io.jmongos.engine.command.aggregate.AggregateCommand;
import io.jmongos.engine.command.crud.CountCommand;
import io.jmongos.engine.command.crud.DeleteCommand;
import io.jmongos.engine.command.crud.DistinctCommand;
import io.jmongos.engine.command.crud.FindAndModifyCommand;
import io.jmongos.engine.command.crud.FindCommand;
import io.jmongos.engine.command.crud.GetMoreCommand;
import io.jmongos.engine.command.crud.InsertCommand;
import io.jmongos.engine.command.crud.KillCursorsCommand;
import io.jmongos.engine.command.crud.UpdateCommand;
import io.jmongos.engine.command.ddl.CollModCommand;
import io.jmongos.engine.command.ddl.CreateCommand;
import io.jmongos.engine.command.ddl.CreateIndexesCommand;
import io.jmongos.engine.command.ddl.DropCommand;
import io.jmongos.engine.command.ddl.DropDatabaseCommand;
import io.jmongos.engine.command.ddl.DropIndexesCommand;
import io.jmongos.engine.command.ddl.ListCollectionsCommand;
import io.jmongos.engine.command.ddl.ListDatabasesCommand;
import io.jmongos.engine.command.ddl.ListIndexesCommand;
import io.jmongos.engine.command.ddl.RenameCollectionCommand;
import io.jmongos.engine.command.diag.CollStatsCommand;
import io.jmongos.engine.command.diag.DbStatsCommand;
import io.jmongos.engine.command.diag.ExplainCommand;
import io.jmongos.engine.command.diag.PingCommand;
import io.jmongos.engine.command.session.AbortTransactionCommand;
import io.jmongos.engine.command.session.CommitTransactionCommand;
import io.jmongos.engine.command.session.EndSessionsCommand;
import io.jmongos.engine.command.session.KillSessionsByPatternCommand;

/** The engine's commands by name, with MongoDB's aliases. */
public final class CommandRegistry {
    private CommandRegistry() {
    }

    public static Map<String, EngineCommand> standard() {
        Map<String, EngineCommand> m = new HashMap<>();
        m.put("insert", new InsertCommand());
        m.put("find", new FindCommand());
        m.put("getMore", new GetMoreCommand());
        m.put("killCursors", new KillCursorsCommand());
        m.put("update", new UpdateCommand());
        m.put("delete", new DeleteCommand());
        m.put("count", new CountCommand());
        m.put("distinct", new DistinctCommand());
        FindAndModifyCommand fam = new FindAndModifyCommand();
        m.put("findAndModify", fam);
        m.put("findandmodify", fam);
        m.put("aggregate", new AggregateCommand());
        m.put("create", new CreateCommand());
        m.put("drop", new DropCommand());
        m.put("renameCollection", new RenameCollectionCommand());
        m.put("dropDatabase", new DropDatabaseCommand());
        m.put("listDatabases", new ListDatabasesCommand());
        m.put("collMod", new CollModCommand());
        m.put("listCollections", new ListCollectionsCommand());
        m.put("createIndexes", new CreateIndexesCommand());
        m.put("listIndexes", new ListIndexesCommand());
        DropIndexesCommand dropIndexes = new DropIndexesCommand();
        m.put("dropIndexes", dropIndexes);
        m.put("deleteIndexes", dropIndexes);
        m.put("explain", new ExplainCommand());
        m.put("dbStats", new DbStatsCommand());
        m.put("dbstats", m.get("dbStats"));
        m.put("collStats", new CollStatsCommand());
        m.put("collstats", m.get("collStats"));
        m.put("ping", new PingCommand());
        m.put("commitTransaction", new CommitTransactionCommand());
        m.put("abortTransaction", new AbortTransactionCommand());
        EndSessionsCommand end = new EndSessionsCommand();
        m.put("endSessions", end);
        m.put("killSessions", end);
        m.put("killAllSessionsByPattern", new KillSessionsByPatternCommand());
        ChangeStreamCommands.install(m);
        return m;
    }
}
