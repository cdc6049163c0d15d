package io.jmongos.router.command.session;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.session.LogicalSessionId;

/** The array of lsids that endSessions, refreshSessions and killSessions take. */
final class SessionIdList {
    /**
     * Most sessions one command may name: 10,000 (MongoDB's kMaxSessions... the sessions commands' array limit,
     * logical_session_id.idl / "too many sessions" checks); also keeps one request's work bounded.
     */
    static final int MAX_SESSIONS_PER_COMMAND = 10_000;

    private SessionIdList() {
    }

    static List<LogicalSessionId> parse(BsonDocument command, String name) {
        BsonValue v = CommandArgs.required(command, name, name);
        if (!v.isArray()) {
            throw CommandArgs.wrongType(name, name, v, "array");
        }
        if (v.asArray().size() > MAX_SESSIONS_PER_COMMAND) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "The number of sessions in " + name
                    + " may not exceed " + MAX_SESSIONS_PER_COMMAND);
        }
        List<LogicalSessionId> out = new ArrayList<>();
        for (BsonValue item : v.asArray()) {
            out.add(LogicalSessionId.parse(name, item));
        }
        return out;
    }
}
