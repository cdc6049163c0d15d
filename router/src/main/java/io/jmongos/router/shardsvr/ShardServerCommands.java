package io.jmongos.router.shardsvr;

import java.util.Set;

import io.jmongos.engine.EmbeddedEngine;
import io.jmongos.router.ClusterRole;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandRegistry;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.server.HelloCommand;
import io.jmongos.router.command.server.ServerCommands;

/**
 * The commands of a shard or config server: the diagnostic and parameter commands every role has, a mongod's
 * hello, and every engine command handed to the engine unchanged. Router-only commands ({@code isdbgrid}, and
 * later the cluster commands) are absent: 59 CommandNotFound, as on a mongod.
 */
final class ShardServerCommands {
    /** Router commands a shard server leaves out: its own hello replaces the router's, the engine ends sessions. */
    static final Set<String> NOT_ON_A_SHARD = Set.of("hello", "isdbgrid", "endSessions");

    /** commitTransaction / abortTransaction: no data of their own, part of a transaction. */
    private static final CommandSpec TRANSACTION_CONTROL = new CommandSpec(false, false, true, true, false);
    /** Any other engine command (endSessions, dbstats alias ...): no user data counted, not in a transaction. */
    private static final CommandSpec OTHER = new CommandSpec(false, false, true, false, false);

    private ShardServerCommands() {
    }

    static void install(RouterServices services, ClusterRole role, EmbeddedEngine engine) {
        CommandRegistry registry = services.commands();
        registry.register(new HelloCommand(role));
        for (CommandHandler h : ServerCommands.handlers()) {
            if (!NOT_ON_A_SHARD.contains(h.name())) {
                registry.register(h);
            }
        }
        ServerCommands.installSections(services);
        for (String name : engine.commandNames()) {
            if (registry.lookup(name).isEmpty()) {
                registry.register(new EngineCommandHandler(name, spec(name)));
            }
        }
    }

    private static CommandSpec spec(String name) {
        return switch (name) {
            case "find", "getMore", "count", "aggregate", "distinct", "listDatabases", "listCollections",
                 "listIndexes", "explain", "dbStats", "collStats", "killCursors" -> CommandSpec.READ;
            case "insert", "update", "delete", "findAndModify", "findandmodify" -> CommandSpec.WRITE;
            case "create", "drop", "dropDatabase", "createIndexes", "dropIndexes" -> CommandSpec.DDL;
            case "collMod" -> CommandSpec.DDL;
            case "commitTransaction", "abortTransaction" -> TRANSACTION_CONTROL;
            default -> OTHER;
        };
    }
}
