package io.jmongos.router.command.data;

import java.util.List;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.session.SessionServices;

/**
 * The router's data and DDL commands: cursor-opening commands, getMore and killCursors over cluster
 * cursors, and forwarding handlers for the rest. Installing replaces the default pass-through handlers.
 */
public final class DataCommands {
    /** Reads that may not run in a multi-document transaction (MongoDB's transaction whitelist). */
    static final CommandSpec READ_NOT_IN_TXN = new CommandSpec(true, false, true, false, false);
    /** DDL MongoDB 4.4+ allows in a transaction (create, createIndexes on a new collection). */
    static final CommandSpec DDL_IN_TXN = new CommandSpec(false, true, true, true, false);

    private DataCommands() {
    }

    public static List<CommandHandler> handlers(SessionServices s) {
        return List.of(
                new CursorCommand("find", CommandSpec.READ, s),
                new CursorCommand("aggregate", CommandSpec.READ, s),
                new CursorCommand("listCollections", READ_NOT_IN_TXN, s),
                new CursorCommand("listIndexes", READ_NOT_IN_TXN, s),
                new GetMoreCommand(s),
                new KillCursorsCommand(s),
                new ForwardingCommand("insert", List.of(), CommandSpec.WRITE),
                new ForwardingCommand("update", List.of(), CommandSpec.WRITE),
                new ForwardingCommand("delete", List.of(), CommandSpec.WRITE),
                new ForwardingCommand("findAndModify", List.of("findandmodify"), CommandSpec.WRITE),
                new ForwardingCommand("distinct", List.of(), CommandSpec.READ),
                new ForwardingCommand("count", List.of(), READ_NOT_IN_TXN),
                new ForwardingCommand("explain", List.of(), READ_NOT_IN_TXN),
                new ForwardingCommand("dbStats", List.of(), READ_NOT_IN_TXN),
                new ForwardingCommand("collStats", List.of(), READ_NOT_IN_TXN),
                new ForwardingCommand("listDatabases", List.of(), READ_NOT_IN_TXN),
                new ForwardingCommand("create", List.of(), DDL_IN_TXN),
                new ForwardingCommand("createIndexes", List.of(), DDL_IN_TXN),
                new ForwardingCommand("drop", List.of(), CommandSpec.DDL),
                new ForwardingCommand("dropDatabase", List.of(), CommandSpec.DDL),
                new ForwardingCommand("renameCollection", List.of(), CommandSpec.DDL),
                new ForwardingCommand("dropIndexes", List.of(), CommandSpec.DDL),
                new ForwardingCommand("collMod", List.of(), CommandSpec.DDL));
    }

    public static void install(RouterServices router, SessionServices s) {
        for (CommandHandler h : handlers(s)) {
            if (router.commands().lookup(h.name()).isPresent()) {
                router.commands().replace(h);
            } else {
                router.commands().register(h);
            }
        }
    }
}
