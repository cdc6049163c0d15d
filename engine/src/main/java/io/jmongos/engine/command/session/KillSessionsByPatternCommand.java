package io.jmongos.engine.command.session;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.cursor.EngineCursor;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonValue;

/**
 * {@code killAllSessionsByPattern: [pattern...]} (admin), what a router sends every shard for killSessions,
 * killAllSessions and killAllSessionsByPattern (mongos's {@code killSessionsRemote}): ends the matching sessions
 * (their open transaction aborted, their in-memory state forgotten; retryable-write records stay) and kills the
 * cursors they opened. A pattern {@code {lsid: {id, ...}}} matches that session by its id; {@code {uid: BinData}}
 * the sessions whose lsid carries that uid; any other pattern ({@code {}}, {@code users}, {@code roles}) and an empty
 * array match every session (the engine keeps no session owners).
 */
public final class KillSessionsByPatternCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        BsonArray patterns = CommandArgs.requiredArray(op.command(), op.commandName());
        Set<BsonValue> ids = new HashSet<>();
        Set<BsonValue> uids = new HashSet<>();
        boolean all = patterns.isEmpty();
        for (BsonValue p : patterns) {
            if (!p.isDocument()) {
                throw CommandArgs.wrongType(op.command(), op.commandName(), p, "object");
            }
            BsonDocument pattern = p.asDocument();
            if (pattern.isDocument("lsid") && pattern.getDocument("lsid").containsKey("id")) {
                ids.add(pattern.getDocument("lsid").get("id"));
            } else if (pattern.isBinary("uid")) {
                uids.add(pattern.get("uid"));
            } else {
                all = true;
            }
        }
        boolean every = all;
        Predicate<BsonDocument> matches = lsid -> every || ids.contains(lsid.get("id"))
                || lsid.containsKey("uid") && uids.contains(lsid.get("uid"));
        op.services().sessions().endMatching(matches);
        for (EngineCursor c : op.services().cursors().list()) {
            if (c.lsid() != null && matches.test(c.lsid())) {
                op.services().cursors().kill(c.id());
            }
        }
        return new BsonDocument("ok", new BsonDouble(1));
    }
}
