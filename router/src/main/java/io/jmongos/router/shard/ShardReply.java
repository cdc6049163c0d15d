package io.jmongos.router.shard;

import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;

/**
 * One shard's reply, read once: ok or error (with its code and labels), and the cursor it opened, if any. The one
 * place that decides whether a shard said ok (as the Java driver's {@code ProtocolHelper.isCommandOk}: a numeric
 * {@code ok} of 1 or a boolean true) and that strips the shard's clock fields before a reply goes to a client.
 */
public final class ShardReply {
    /** Reply fields that describe the shard's clock and replication state, not the router's. */
    static final Set<String> SHARD_TIME_FIELDS = Set.of("$clusterTime", "operationTime", "$gleStats",
            "lastCommittedOpTime", "$configServerState", "$topologyTime");

    private final String shardName;
    private final BsonDocument raw;
    private final boolean ok;

    private ShardReply(String shardName, BsonDocument raw) {
        this.shardName = shardName;
        this.raw = raw;
        this.ok = isOk(raw);
    }

    public static ShardReply of(String shardName, BsonDocument raw) {
        return new ShardReply(shardName, raw);
    }

    /** Whether a reply document says ok. */
    public static boolean isOk(BsonDocument reply) {
        BsonValue ok = reply == null ? null : reply.get("ok");
        return ok != null && (ok.isNumber() && ok.asNumber().doubleValue() == 1.0
                || ok.isBoolean() && ok.asBoolean().getValue());
    }

    /** The shard that answered. */
    public String shardName() {
        return shardName;
    }

    public boolean ok() {
        return ok;
    }

    /** The error code (0 when ok or when the error reply has none). */
    public int code() {
        BsonValue c = raw.get("code");
        return !ok && c != null && c.isNumber() ? c.asNumber().intValue() : 0;
    }

    /** True when the reply is an error with this code. */
    public boolean isError(int code) {
        return !ok && code() == code;
    }

    /** The reply as the shard sent it. */
    public BsonDocument raw() {
        return raw;
    }

    /** The error as the command layer raises it (labels and extra fields kept, the shard's clock fields dropped). */
    public CommandFailedException error() {
        if (ok) {
            throw new IllegalStateException("the shard's reply is ok");
        }
        CommandFailedException e = CommandFailedException.fromReply(raw);
        SHARD_TIME_FIELDS.forEach(e.extra()::remove);
        return e;
    }

    /** The reply without the shard's clock fields, or its error thrown. */
    public BsonDocument bodyOrThrow() {
        if (!ok) {
            throw error();
        }
        BsonDocument out = new BsonDocument();
        for (var e : raw.entrySet()) {
            if (!SHARD_TIME_FIELDS.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The {@code cursor} sub-document of an ok reply, or null (explain, an aggregate without a cursor). */
    public BsonDocument cursor() {
        BsonValue c = ok ? raw.get("cursor") : null;
        return c != null && c.isDocument() ? c.asDocument() : null;
    }

    /** The id of the cursor the shard left open, or 0. */
    public long cursorId() {
        BsonDocument c = cursor();
        return c != null && c.isNumber("id") ? c.getNumber("id").longValue() : 0;
    }
}
