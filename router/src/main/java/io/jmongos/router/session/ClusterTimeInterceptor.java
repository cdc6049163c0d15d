package io.jmongos.router.session;

import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandInterceptor;

/**
 * Cluster-time gossip: takes {@code $clusterTime} from commands (and from shard replies relayed by handlers),
 * removes the router-level time fields before the handler ({@code $clusterTime},
 * {@code readConcern.afterClusterTime}: the router's single view of its shard already includes every write
 * it acknowledged), and puts {@code $clusterTime} and {@code operationTime} on every reply, errors included.
 * Writes tick the clock, so a causally consistent client's next read names a time the router has reached.
 */
public final class ClusterTimeInterceptor implements CommandInterceptor {
    /** A cluster-time signature's hash is an HMAC-SHA1: 20 bytes; zero when keys are not in use. */
    private static final int SIGNATURE_HASH_BYTES = 20;
    private static final BsonDocument SIGNATURE = new BsonDocument("hash",
            new BsonBinary(new byte[SIGNATURE_HASH_BYTES])).append("keyId", new BsonInt64(0));

    private final LogicalClock clock;

    public ClusterTimeInterceptor(LogicalClock clock) {
        this.clock = clock;
    }

    @Override
    public BsonDocument intercept(CommandContext ctx, CommandHandler handler, BsonDocument command, Invocation next) {
        gossipIn(command.get("$clusterTime"));
        BsonDocument cmd = stripTimeFields(command);
        BsonDocument reply;
        try {
            reply = next.proceed(ctx, cmd);
        } catch (CommandFailedException e) {
            gossipIn(e.extra().get("$clusterTime"));
            advance(e.extra().get("operationTime"));
            BsonTimestamp now = clock.current();
            e.with("$clusterTime", clusterTimeDoc(now)).with("operationTime", now);
            throw e;
        }
        BsonDocument out = new BsonDocument();
        if (reply != null) {
            gossipIn(reply.get("$clusterTime"));
            advance(reply.get("operationTime"));
            out.putAll(reply);
        }
        BsonTimestamp opTime = isWrite(handler) ? clock.tick() : clock.current();
        out.put("$clusterTime", clusterTimeDoc(clock.current()));
        out.put("operationTime", opTime);
        return out;
    }

    private static boolean isWrite(CommandHandler handler) {
        return handler.spec().writesData() || handler.name().equals("commitTransaction");
    }

    /** {@code {clusterTime: Timestamp, signature: {hash: BinData(0, 20 zero bytes), keyId: 0}}}. */
    public static BsonDocument clusterTimeDoc(BsonTimestamp t) {
        return new BsonDocument("clusterTime", t).append("signature", SIGNATURE.clone());
    }

    private void gossipIn(BsonValue clusterTime) {
        if (clusterTime != null && clusterTime.isDocument()) {
            advance(clusterTime.asDocument().get("clusterTime"));
        }
    }

    private void advance(BsonValue t) {
        if (t != null && t.isTimestamp()) {
            clock.advanceTo(t.asTimestamp());
        }
    }

    static BsonDocument stripTimeFields(BsonDocument command) {
        BsonValue rc = command.get("readConcern");
        boolean hasAfter = rc != null && rc.isDocument() && rc.asDocument().containsKey("afterClusterTime");
        if (!command.containsKey("$clusterTime") && !hasAfter) {
            return command;
        }
        BsonDocument out = new BsonDocument();
        for (var e : command.entrySet()) {
            if (e.getKey().equals("$clusterTime")) {
                continue;
            }
            if (e.getKey().equals("readConcern") && hasAfter) {
                BsonDocument trimmed = rc.asDocument().clone();
                trimmed.remove("afterClusterTime");
                if (!trimmed.isEmpty()) {
                    out.put("readConcern", trimmed);
                }
                continue;
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
