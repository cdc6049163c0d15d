package io.jmongos.router.command.session;

import org.bson.BsonDocument;

import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.LogicalSessionId;

/**
 * endSessions, refreshSessions and killSessions: each takes an array of lsids. Ending or killing a session
 * kills its cursors and aborts its open transaction; refreshing marks it used. killSessions with an empty
 * array kills every session (of the current user, which is everyone while auth is off). killSessions then goes to
 * every shard as killAllSessionsByPattern ({@link SessionKillBroadcast}), as mongos's killSessionsRemote. endSessions
 * is not sent to the shards: mongos only marks the sessions ending and, at its next session-cache refresh, removes
 * their records and kills its own cursors of them (the shards learn from config.system.sessions); jmongos has no
 * sessions collection and does the router's part at once, aborting the session's transaction too.
 */
public final class SessionListCommand implements CommandHandler {
    /** What the command does to each named session. */
    public enum Action { END, REFRESH, KILL }

    private final String name;
    private final Action action;

    public SessionListCommand(String name, Action action) {
        this.name = name;
        this.action = action;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        var ids = SessionIdList.parse(command, name);
        String cause = ErrorCode.INTERRUPTED.codeName();
        if (action == Action.KILL && ids.isEmpty()) {
            ctx.services().sessions().endAllSessions(cause);
            SessionKillBroadcast.send(ctx.services(), SessionKillBroadcast.all());
            return new BsonDocument();
        }
        for (LogicalSessionId lsid : ids) {
            switch (action) {
                case END, KILL -> ctx.services().sessions().endSession(lsid, cause);
                case REFRESH -> ctx.services().sessions().cache().vivify(lsid, ClientInfo.of(ctx.connection()));
                default -> throw new IllegalStateException(action.name());
            }
        }
        if (action == Action.KILL) {
            SessionKillBroadcast.send(ctx.services(), SessionKillBroadcast.of(ids));
        }
        return new BsonDocument();
    }
}
