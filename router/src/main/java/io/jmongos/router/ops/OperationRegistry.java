package io.jmongos.router.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.session.ClientInfo;

/** The operations running now, with their op ids (currentOp) and kill flags (killOp). */
public final class OperationRegistry {
    private final AtomicInteger nextOpId = new AtomicInteger(1);
    private final Map<Integer, ActiveOperation> running = new ConcurrentHashMap<>();

    /** Record a command as running; its namespace and session fields are read only when currentOp asks. */
    public ActiveOperation start(ClientInfo client, String name, String db, BsonDocument command, CommandSpec spec) {
        int opid = nextOpId.getAndUpdate(i -> i == Integer.MAX_VALUE ? 1 : i + 1);
        BsonDocument shown = spec.redactInLogs() ? new BsonDocument(name, new BsonString("***")) : command;
        ActiveOperation op = new ActiveOperation(opid, client, name, db, command, shown,
                System.currentTimeMillis(), System.nanoTime());
        running.put(opid, op);
        return op;
    }

    public void finish(ActiveOperation op) {
        running.remove(op.opid(), op);
    }

    /** Mark an operation killed; false if no such operation is running. */
    public boolean kill(int opid) {
        ActiveOperation op = running.get(opid);
        if (op == null) {
            return false;
        }
        op.kill();
        return true;
    }

    public List<ActiveOperation> snapshot() {
        return new ArrayList<>(running.values());
    }

    static String opType(String name) {
        return switch (name) {
            case "find" -> "query";
            case "getMore" -> "getmore";
            case "insert" -> "insert";
            case "update" -> "update";
            case "delete" -> "remove";
            default -> "command";
        };
    }

    static String namespace(String name, String db, BsonDocument command) {
        if (name.equals("getMore")) {
            BsonValue coll = command.get("collection");
            return coll != null && coll.isString() ? db + "." + coll.asString().getValue() : db + ".$cmd";
        }
        BsonValue first = command.isEmpty() ? null : command.get(command.getFirstKey());
        return first != null && first.isString() ? db + "." + first.asString().getValue() : db + ".$cmd";
    }
}
