package io.jmongos.router.session;

import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandInterceptor;

/**
 * Cluster-time gossip: takes {@code $clusterTime} from commands (and from shard replies relayed by handlers),
 * removes {@code readConcern.afterClusterTime} before the handler (the router's single view of its shard already
 * includes every write it acknowledged; {@code $clusterTime} itself is a generic argument every handler skips,
 * so the command is copied only when it has an {@code afterClusterTime}), and puts {@code $clusterTime} and
 * {@code operationTime} on every reply, errors included. Writes tick the clock, so a causally consistent
 * client's next read names a time the router has reached. The {@code $clusterTime} reply document is built once
 * per clock value and shared (immutable) by every reply at that time.
 */
public final class ClusterTimeInterceptor implements CommandInterceptor {
    /** A cluster-time signature's hash is an HMAC-SHA1: 20 bytes; zero when keys are not in use. */
    private static final int SIGNATURE_HASH_BYTES = 20;
    private static final BsonDocument SIGNATURE = new BsonDocument("hash",
            new BsonBinary(new byte[SIGNATURE_HASH_BYTES])).append("keyId", new BsonInt64(0));

    private final LogicalClock clock;
    /** The {@code $clusterTime} reply document of the latest clock value seen, reused until the clock moves. */
    private volatile ReplyTime latest = new ReplyTime(0);

    /** One clock value: its Timestamp and its immutable {@code $clusterTime} document. */
    private static final class ReplyTime {
        final long value;
        final BsonTimestamp timestamp;
        final BsonDocument document;

        ReplyTime(long value) {
            this.value = value;
            this.timestamp = new BsonTimestamp(value);
            this.document = new RawBsonDocument(clusterTimeDoc(timestamp), new BsonDocumentCodec());
        }
    }

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
            ReplyTime now = replyTime(clock.currentValue());
            e.with("$clusterTime", now.document).with("operationTime", now.timestamp);
            throw e;
        }
        BsonDocument out = new BsonDocument();
        if (reply != null) {
            gossipIn(reply.get("$clusterTime"));
            advance(reply.get("operationTime"));
            out.putAll(reply);
        }
        BsonTimestamp opTime = isWrite(handler) ? clock.tick() : null;
        ReplyTime now = replyTime(clock.currentValue());
        out.put("$clusterTime", now.document);
        out.put("operationTime", opTime != null ? opTime : now.timestamp);
        return out;
    }

    /** The shared reply time for clock value {@code value}, built when the clock has moved since the last one. */
    private ReplyTime replyTime(long value) {
        ReplyTime t = latest;
        if (t.value != value) {
            t = new ReplyTime(value);
            if (Long.compareUnsigned(value, latest.value) > 0) {
                latest = t; // a racing reply may keep an older one: harmless, the next reply rebuilds
            }
        }
        return t;
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

    /**
     * The command without {@code readConcern.afterClusterTime} (and then without {@code $clusterTime} too); the
     * command itself when it has no {@code afterClusterTime}.
     */
    static BsonDocument stripTimeFields(BsonDocument command) {
        BsonValue rc = command.get("readConcern");
        boolean hasAfter = rc != null && rc.isDocument() && rc.asDocument().containsKey("afterClusterTime");
        if (!hasAfter) {
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
