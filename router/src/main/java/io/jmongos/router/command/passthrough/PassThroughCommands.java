package io.jmongos.router.command.passthrough;

import java.util.LinkedHashMap;
import java.util.Map;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandSpec;

/** Registers a {@link PassThroughCommand} for every data and DDL command the embedded shard answers. */
public final class PassThroughCommands {
    /** Command name to spec. */
    public static final Map<String, CommandSpec> COMMANDS = commands();

    private PassThroughCommands() {
    }

    private static Map<String, CommandSpec> commands() {
        Map<String, CommandSpec> m = new LinkedHashMap<>();
        for (String read : new String[] {"find", "getMore", "count", "aggregate", "distinct", "listDatabases",
            "listCollections", "listIndexes", "explain", "dbStats", "collStats"}) {
            m.put(read, CommandSpec.READ);
        }
        for (String write : new String[] {"insert", "update", "delete", "findAndModify"}) {
            m.put(write, CommandSpec.WRITE);
        }
        for (String ddl : new String[] {"create", "drop", "dropDatabase", "createIndexes", "dropIndexes"}) {
            m.put(ddl, CommandSpec.DDL);
        }
        m.put("killCursors", CommandSpec.READ);
        return Map.copyOf(m);
    }

    public static void install(RouterServices services) {
        COMMANDS.forEach((name, spec) -> services.commands().register(new PassThroughCommand(name, spec)));
    }
}
