package io.jmongos.router.routing;

import java.util.Set;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.ErrorLabels;
import io.jmongos.router.session.OperationSessionInfo;
import io.jmongos.router.shard.DatabaseRoute;
import io.jmongos.router.shard.DatabaseRouting;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.shard.ShardUnavailableException;
import io.jmongos.router.txn.RouterTransaction;
import io.jmongos.router.txn.TransactionRouter;

/**
 * The one way a client's command reaches a shard. It drops the fields the router consumes, targets the
 * database's primary shard (unsharded collections) with its {@code databaseVersion}, attaches the transaction
 * fields each participant must see and records the participant ({@link TransactionFields}), and reads the reply
 * once ({@link ShardReply}). A shard that answers StaleDbVersion makes the router read the database's placement
 * again and send once more, invisibly to the client, as mongos does; with {@link ShardVersioning} installed, a
 * command on a collection also carries its {@code shardVersion}, and StaleConfig makes the router read the
 * collection's routing table again and resend, up to {@link #STALE_CONFIG_RETRIES} times. A shard that cannot be
 * reached is the client's HostUnreachable with the label its retry rule needs: {@code RetryableWriteError} for a
 * retryable write, {@code TransientTransactionError} inside a transaction.
 */
public final class ShardRequestSender {
    /** Fields consumed by the router: never sent to a shard. */
    public static final Set<String> ROUTER_FIELDS = Set.of("$db", "$clusterTime", "$readPreference", "apiVersion",
            "apiStrict", "apiDeprecationErrors", "$audit", "$client", "$queryOptions", "databaseVersion",
            "shardVersion");
    /** Times one command is sent again after StaleDbVersion: once, as mongos's first-try refresh. */
    static final int STALE_RETRIES = 1;
    /** MongoDB's StaleConfig: the shard's placement of the collection differs from the router's. */
    static final int STALE_CONFIG = 13388;
    /** Times one command is sent again after StaleConfig: MongoDB's kMaxNumStaleVersionRetries, 10. */
    static final int STALE_CONFIG_RETRIES = 10;

    private final DatabaseRouting routing;
    private final TransactionRouter transactions;
    private volatile ShardVersioning versioning;

    public ShardRequestSender(DatabaseRouting routing, TransactionRouter transactions) {
        this.routing = routing;
        this.transactions = transactions;
    }

    public DatabaseRouting routing() {
        return routing;
    }

    /** Collection versions (a cluster router with sharded collections); without it nothing carries shardVersion. */
    public void useShardVersioning(ShardVersioning v) {
        this.versioning = v;
    }

    /** {@code command} without the fields the router consumes. */
    public static BsonDocument forwardable(BsonDocument command) {
        BsonDocument out = new BsonDocument();
        for (var e : command.entrySet()) {
            if (!ROUTER_FIELDS.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * Send a client's command on database {@code db} to that database's primary shard.
     *
     * @param creates the command writes or creates: the database is created (its primary chosen) if missing
     */
    public ShardReply toPrimary(String db, BsonDocument command, boolean creates) {
        DatabaseRoute route = routing.route(db, creates);
        int staleDb = 0;
        int staleConfig = 0;
        for (;;) {
            Sent sent = send(route.primary(), db, command, route.version(), false);
            ShardReply reply = sent.reply();
            ShardVersioning v = versioning;
            if (reply.isError(STALE_CONFIG) && v != null && sent.retryable()
                    && staleConfig++ < STALE_CONFIG_RETRIES) {
                if (!v.stale(db, command)) {
                    return reply; // sharded now: the caller's sharded path routes it
                }
            } else if (reply.isError(ErrorCode.STALE_DB_VERSION.code()) && sent.retryable()
                    && staleDb++ < STALE_RETRIES) {
                routing.invalidate(db);
                route = routing.route(db, creates);
            } else {
                return reply;
            }
        }
    }

    /**
     * Send a client's command on a sharded collection to {@code shard}, with that shard's {@code shardVersion} (no
     * {@code databaseVersion}) and the participant's transaction fields; StaleConfig comes back to the caller, who
     * targets again.
     */
    public ShardReply toShardVersioned(Shard shard, String db, BsonDocument command) {
        return send(shard, db, command, null, true).reply();
    }

    /** Send a client's command (or its follow-up, a getMore) to {@code shard}, unversioned. */
    public ShardReply toShard(Shard shard, String db, BsonDocument command) {
        return send(shard, db, command, null, false).reply();
    }

    /** The reply, and whether the statement may be sent again (nothing of it ran in a transaction). */
    private record Sent(ShardReply reply, boolean retryable) {
    }

    private Sent send(Shard shard, String db, BsonDocument command, BsonDocument databaseVersion,
                      boolean versioned) {
        BsonDocument out = forwardable(command);
        OperationSessionInfo osi = OperationSessionInfo.parse(command);
        RouterTransaction t = osi.inTransaction() ? transactions.current(osi.lsid()) : null;
        if (t != null && t.txnNumber() != osi.txnNumber()) {
            t = null;
        }
        boolean first = t != null && transactions.addParticipant(t, shard);
        if (t != null) {
            TransactionFields.attach(out, t, first);
        }
        if (databaseVersion != null) {
            out.put("databaseVersion", databaseVersion);
        }
        ShardVersioning v = versioning;
        if (v != null && (databaseVersion != null || versioned)) {
            v.attach(db, out, shard.name());
        }
        ShardReply reply;
        try {
            reply = shard.run(db, out);
        } catch (ShardUnavailableException e) {
            throw labelled(e, osi);
        }
        boolean stale = reply.isError(ErrorCode.STALE_DB_VERSION.code()) || reply.isError(STALE_CONFIG);
        if (stale && first) {
            transactions.removeParticipant(t, shard);
        }
        return new Sent(reply, t == null || first);
    }

    /** A shard out of reach, labelled for the driver's retry rules. */
    private static CommandFailedException labelled(CommandFailedException e, OperationSessionInfo osi) {
        if (osi.inTransaction()) {
            e.withLabel(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
        } else if (osi.retryableWrite()) {
            e.withLabel(ErrorLabels.RETRYABLE_WRITE_ERROR);
        }
        return e;
    }
}
