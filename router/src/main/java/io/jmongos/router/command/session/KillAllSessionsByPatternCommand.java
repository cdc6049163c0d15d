package io.jmongos.router.command.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.session.LogicalSessionId;

/**
 * {@code killAllSessionsByPattern: [pattern...]} (MongoDB's KillAllSessionsByPattern: {@code lsid}, {@code uid},
 * {@code users}, {@code roles}): an {@code lsid} pattern kills that session; any other pattern, and an empty array,
 * kill every session (jmongos keeps no session owners, so a user or role cannot narrow the kill; see
 * docs/CONFORMANCE.md). Then the patterns go to every shard ({@link SessionKillBroadcast}).
 */
public final class KillAllSessionsByPatternCommand implements CommandHandler {
    /** IDL: a field the pattern does not have. */
    static final int UNKNOWN_FIELD = 40415;
    private static final Set<String> PATTERN_FIELDS = Set.of("lsid", "uid", "users", "roles");

    @Override
    public String name() {
        return SessionKillBroadcast.COMMAND;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        BsonValue patterns = CommandArgs.required(command, name(), name());
        if (!patterns.isArray()) {
            throw CommandArgs.wrongType(name(), name(), patterns, "array");
        }
        List<LogicalSessionId> lsids = new ArrayList<>();
        boolean all = patterns.asArray().isEmpty();
        for (BsonValue p : patterns.asArray()) {
            if (!p.isDocument()) {
                throw CommandArgs.wrongType(name(), name(), p, "object");
            }
            for (String field : p.asDocument().keySet()) {
                if (!PATTERN_FIELDS.contains(field)) {
                    throw new CommandFailedException(UNKNOWN_FIELD, "Location" + UNKNOWN_FIELD,
                            "BSON field 'KillAllSessionsByPattern." + field + "' is an unknown field.");
                }
            }
            BsonValue lsid = p.asDocument().get("lsid");
            if (lsid != null) {
                lsids.add(LogicalSessionId.parse("KillAllSessionsByPattern.lsid", lsid));
            } else {
                all = true;
            }
        }
        String cause = ErrorCode.INTERRUPTED.codeName();
        if (all) {
            ctx.services().sessions().endAllSessions(cause);
            SessionKillBroadcast.send(ctx.services(), SessionKillBroadcast.all());
        } else {
            lsids.forEach(l -> ctx.services().sessions().endSession(l, cause));
            SessionKillBroadcast.send(ctx.services(), SessionKillBroadcast.of(lsids));
        }
        return new BsonDocument();
    }
}
