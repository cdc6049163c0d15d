package io.jmongos.router.ops;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.session.SessionServices;

/** Registers currentOp and killOp (replacing any default handler of the same name). */
public final class OperationCommands {
    private OperationCommands() {
    }

    public static void install(RouterServices router, SessionServices sessions) {
        put(router, new CurrentOpCommand(sessions));
        put(router, new KillOpCommand(sessions.operations()));
    }

    static void put(RouterServices router, CommandHandler h) {
        if (router.commands().lookup(h.name()).isPresent()) {
            router.commands().replace(h);
        } else {
            router.commands().register(h);
        }
    }
}
