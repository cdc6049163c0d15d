package io.jmongos.router.command.session;

import java.util.List;

import io.jmongos.router.command.CommandHandler;

/** The session and transaction commands. */
public final class SessionCommands {
    private SessionCommands() {
    }

    public static List<CommandHandler> handlers() {
        return List.of(new StartSessionCommand(),
                new SessionListCommand("endSessions", SessionListCommand.Action.END),
                new SessionListCommand("refreshSessions", SessionListCommand.Action.REFRESH),
                new SessionListCommand("killSessions", SessionListCommand.Action.KILL),
                new KillAllSessionsCommand(),
                new KillAllSessionsByPatternCommand(),
                new TransactionEndCommand(true),
                new TransactionEndCommand(false));
    }
}
