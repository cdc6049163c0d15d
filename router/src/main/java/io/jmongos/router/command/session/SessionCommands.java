package io.jmongos.router.command.session;

import java.util.List;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.session.SessionServices;

/** Registers the session and transaction commands (replacing default handlers of the same names). */
public final class SessionCommands {
    private SessionCommands() {
    }

    public static List<CommandHandler> handlers(SessionServices s) {
        return List.of(new StartSessionCommand(s),
                new SessionListCommand("endSessions", SessionListCommand.Action.END, s),
                new SessionListCommand("refreshSessions", SessionListCommand.Action.REFRESH, s),
                new SessionListCommand("killSessions", SessionListCommand.Action.KILL, s),
                new KillAllSessionsCommand(s),
                new TransactionEndCommand(true, s),
                new TransactionEndCommand(false, s));
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
