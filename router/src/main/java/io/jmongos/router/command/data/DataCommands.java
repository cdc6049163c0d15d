package io.jmongos.router.command.data;

import java.util.List;

import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/**
 * The router's data and DDL commands: cursor-opening commands, getMore and killCursors over cluster cursors, and
 * forwarding handlers for the rest, all reaching shards through the request sender.
 */
public final class DataCommands {
    /** Reads that may not run in a multi-document transaction (MongoDB's transaction whitelist). */
    static final CommandSpec READ_NOT_IN_TXN = new CommandSpec(true, false, true, false, false);
    /** DDL MongoDB 4.4+ allows in a transaction (create, createIndexes on a new collection). */
    static final CommandSpec DDL_IN_TXN = new CommandSpec(false, true, true, true, false);

    private DataCommands() {
    }

    public static List<CommandHandler> handlers() {
        return List.of(
                new CursorCommand("find", CommandSpec.READ),
                new CursorCommand("aggregate", CommandSpec.READ),
                new CursorCommand("listCollections", READ_NOT_IN_TXN),
                new CursorCommand("listIndexes", READ_NOT_IN_TXN),
                new GetMoreCommand(),
                new KillCursorsCommand(),
                new ForwardingCommand("insert", List.of(), CommandSpec.WRITE, true),
                new ForwardingCommand("update", List.of(), CommandSpec.WRITE, true),
                new ForwardingCommand("delete", List.of(), CommandSpec.WRITE, false),
                new ForwardingCommand("findAndModify", List.of("findandmodify"), CommandSpec.WRITE, true),
                new ForwardingCommand("distinct", List.of(), CommandSpec.READ, false),
                new ForwardingCommand("count", List.of(), READ_NOT_IN_TXN, false),
                new ForwardingCommand("explain", List.of(), READ_NOT_IN_TXN, false),
                new ForwardingCommand("collStats", List.of(), READ_NOT_IN_TXN, false),
                new ForwardingCommand("create", List.of(), DDL_IN_TXN, true),
                new ForwardingCommand("createIndexes", List.of(), DDL_IN_TXN, true),
                new ForwardingCommand("drop", List.of(), CommandSpec.DDL, false),
                new ForwardingCommand("renameCollection", List.of(), CommandSpec.DDL, false),
                new ForwardingCommand("dropIndexes", List.of(), CommandSpec.DDL, false),
                new ForwardingCommand("collMod", List.of(), CommandSpec.DDL, false));
    }

    /**
     * The database-wide commands the single process's one shard answers in full; a cluster router registers mongos's
     * versions instead, which ask every shard ({@code cluster.ClusterCommands}).
     */
    public static List<CommandHandler> singleShardHandlers() {
        return List.of(
                new ForwardingCommand("dbStats", List.of(), READ_NOT_IN_TXN, false),
                new ForwardingCommand("listDatabases", List.of(), READ_NOT_IN_TXN, false),
                new ForwardingCommand("dropDatabase", List.of(), CommandSpec.DDL, false));
    }
}
