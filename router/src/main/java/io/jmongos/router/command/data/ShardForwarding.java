package io.jmongos.router.command.data;

import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.command.CommandContext;

/**
 * Sends a client's command to the primary shard as mongos targets an unsharded collection: router-only
 * fields are dropped; the session fields ({@code lsid}, {@code txnNumber}, {@code autocommit},
 * {@code startTransaction}) and {@code readConcern}/{@code writeConcern} go along, so the shard runs the
 * statement in the transaction and de-duplicates retryable writes. A shard error reply becomes a
 * {@link CommandFailedException} (labels and extra fields kept) for the session layer to act on.
 */
public final class ShardForwarding {
    /** Fields consumed by the router. */
    static final Set<String> ROUTER_FIELDS = Set.of("$db", "$clusterTime", "$readPreference", "apiVersion",
            "apiStrict", "apiDeprecationErrors", "$audit", "$client", "$queryOptions");
    /** Reply fields that describe the shard's clock, not the router's. */
    static final Set<String> SHARD_TIME_FIELDS = Set.of("$clusterTime", "operationTime", "$gleStats",
            "lastCommittedOpTime", "$configServerState", "$topologyTime");

    private ShardForwarding() {
    }

    public static BsonDocument forwardable(BsonDocument command) {
        BsonDocument out = new BsonDocument();
        for (var e : command.entrySet()) {
            if (!ROUTER_FIELDS.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Run {@code command} on the primary shard; returns the reply (ok: 1) or throws its error. */
    public static BsonDocument run(CommandContext ctx, BsonDocument command) {
        BsonDocument reply = ctx.services().primaryShard().runCommand(ctx.db(), forwardable(command));
        if (!isOk(reply)) {
            CommandFailedException e = CommandFailedException.fromReply(reply);
            SHARD_TIME_FIELDS.forEach(e.extra()::remove);
            throw e;
        }
        BsonDocument out = new BsonDocument();
        for (var e : reply.entrySet()) {
            if (!SHARD_TIME_FIELDS.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    public static boolean isOk(BsonDocument reply) {
        BsonValue ok = reply.get("ok");
        return ok != null && (ok.isNumber() && ok.asNumber().doubleValue() == 1.0
                || ok.isBoolean() && ok.asBoolean().getValue());
    }
}
