package io.jmongos.router.txn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.ErrorLabels;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.LogicalSessionId;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;

/**
 * mongos's TransactionRouter for all sessions: the latest transaction of each session, the begin/continue
 * rules on txnNumber, commit and abort at the participants, implicit aborts (statement errors, expiry,
 * session end, load-balancer disconnect), and the metrics of {@code serverStatus().transactions}.
 */
public final class TransactionRouter {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionRouter.class);

    private final Map<LogicalSessionId, RouterTransaction> latest = new ConcurrentHashMap<>();
    private final TransactionMetrics metrics = new TransactionMetrics();
    private final LongSupplier wallMillis;
    private final LongSupplier nanos;
    private volatile Consumer<RouterTransaction> endListener = t -> { };

    public TransactionRouter(LongSupplier wallMillis, LongSupplier nanos) {
        this.wallMillis = wallMillis;
        this.nanos = nanos;
    }

    /** Called after a transaction commits or aborts (the cursor service kills the transaction's cursors). */
    public void onTransactionEnd(Consumer<RouterTransaction> listener) {
        this.endListener = listener;
    }

    public TransactionMetrics metrics() {
        return metrics;
    }

    public RouterTransaction current(LogicalSessionId lsid) {
        return latest.get(lsid);
    }

    /**
     * Begin ({@code start}) or continue transaction {@code txnNumber} of a session for a statement.
     *
     * @param readConcern the statement's readConcern or null
     */
    public RouterTransaction beginOrContinue(LogicalSessionId lsid, long txnNumber, boolean start,
                                             BsonDocument readConcern) {
        RouterTransaction t = latest.get(lsid);
        long current = t == null ? -1 : t.txnNumber();
        if (txnNumber < current) {
            throw TransactionErrors.tooOld(txnNumber, current, lsid);
        }
        if (txnNumber == current) {
            if (start) {
                throw TransactionErrors.alreadyStarted(txnNumber, lsid);
            }
            checkContinuable(t);
            if (readConcern != null && !readConcern.isEmpty()) {
                throw TransactionErrors.readConcernOnContinue();
            }
            return t;
        }
        if (!start) {
            throw TransactionErrors.cannotContinue(current, lsid, txnNumber);
        }
        if (readConcern != null && readConcern.containsKey("level")) {
            BsonValue level = readConcern.get("level");
            String l = level.isString() ? level.asString().getValue() : "";
            if (!l.equals("local") && !l.equals("majority") && !l.equals("snapshot")) {
                throw TransactionErrors.readConcernLevelNotAllowed();
            }
        }
        RouterTransaction fresh = new RouterTransaction(lsid, txnNumber,
                readConcern == null ? new BsonDocument() : readConcern.clone(), wallMillis.getAsLong(),
                nanos.getAsLong());
        RouterTransaction[] replaced = new RouterTransaction[1];
        latest.compute(lsid, (k, old) -> {
            if (old != null && old.txnNumber() >= txnNumber) {
                throw old.txnNumber() == txnNumber ? TransactionErrors.alreadyStarted(txnNumber, lsid)
                        : TransactionErrors.tooOld(txnNumber, old.txnNumber(), lsid);
            }
            replaced[0] = old;
            return fresh;
        });
        metrics.started();
        if (replaced[0] != null && replaced[0].inProgress()) {
            // a newer transaction on the session ends the older one, as it does at the shards
            abort(replaced[0], ErrorCode.TRANSACTION_TOO_OLD.codeName());
        }
        return fresh;
    }

    private static void checkContinuable(RouterTransaction t) {
        switch (t.state()) {
            case ABORTED -> throw TransactionErrors.aborted(t.txnNumber());
            case COMMITTED -> throw TransactionErrors.committed(t.txnNumber());
            default -> {
            }
        }
    }

    public void statementStarted(RouterTransaction t, ClientInfo client) {
        if (t.statementStarted(client, nanos.getAsLong())) {
            metrics.becameActive();
        }
    }

    public void statementFinished(RouterTransaction t) {
        if (t.statementFinished(nanos.getAsLong())) {
            metrics.becameInactive();
        }
    }

    /** Record {@code shard} as a participant; true when this is its first statement in the transaction. */
    public boolean addParticipant(RouterTransaction t, Shard shard) {
        if (t.addParticipant(shard)) {
            metrics.participantAdded();
            return true;
        }
        return false;
    }

    /** Undo {@link #addParticipant} for a first statement the shard refused before running it. */
    public void removeParticipant(RouterTransaction t, Shard shard) {
        t.removeParticipant(shard);
    }

    /**
     * Abort an in-progress transaction at its participants, counting {@code cause} (a code name, or "abort").
     * Returns false if it had already ended.
     */
    public boolean abort(RouterTransaction t, String cause) {
        Boolean wasActive = t.end(TransactionState.ABORTED, cause, nanos.getAsLong());
        if (wasActive == null) {
            return false;
        }
        metrics.aborted(cause, wasActive);
        LOG.debug("transaction aborted lsid={} txnNumber={} cause={}", t.lsid().id(), t.txnNumber(), cause);
        for (Shard shard : t.participants()) {
            ParticipantCommands.abort(shard, t.lsid(), t.txnNumber());
        }
        endListener.accept(t);
        return true;
    }

    /** Abort because a load-balanced connection that ran a statement in it closed (cause Interrupted). */
    public boolean abortForLoadBalancerDisconnect(RouterTransaction t) {
        if (abort(t, ErrorCode.INTERRUPTED.codeName())) {
            metrics.abortedByLoadBalancerDisconnect();
            return true;
        }
        return false;
    }

    /** The session ended, was killed or expired: abort its open transaction and forget it. */
    public void sessionEnded(LogicalSessionId lsid, String cause) {
        RouterTransaction t = latest.remove(lsid);
        if (t != null && t.inProgress()) {
            abort(t, cause);
        }
    }

    /** One reaper pass: abort transactions open longer than {@code lifetimeMillis} that are not running. */
    public int abortExpired(long lifetimeMillis) {
        long now = nanos.getAsLong();
        int n = 0;
        for (RouterTransaction t : inProgress()) {
            if (!t.active() && (now - t.startNanos()) / 1_000_000 > lifetimeMillis
                    && abort(t, TransactionErrors.EXPIRED_CAUSE)) {
                metrics.expired();
                n++;
                LOG.info("aborting transaction that exceeded transactionLifetimeLimitSeconds lsid={} txnNumber={}",
                        t.lsid().id(), t.txnNumber());
            }
        }
        return n;
    }

    public List<RouterTransaction> inProgress() {
        List<RouterTransaction> out = new ArrayList<>();
        for (RouterTransaction t : latest.values()) {
            if (t.inProgress()) {
                out.add(t);
            }
        }
        return out;
    }

    /** commitTransaction from the client. */
    public BsonDocument commit(LogicalSessionId lsid, long txnNumber, BsonDocument clientCommand, ClientInfo client,
                               Function<String, Shard> shardByName) {
        RouterTransaction t = latest.get(lsid);
        long current = t == null ? -1 : t.txnNumber();
        if (txnNumber < current) {
            throw TransactionErrors.tooOld(txnNumber, current, lsid);
        }
        if (txnNumber > current) {
            return recoverCommit(lsid, txnNumber, clientCommand, shardByName);
        }
        if (t.state() == TransactionState.COMMITTED) {
            return new BsonDocument(); // a retried commit of a committed transaction succeeds again
        }
        checkContinuable(t);
        statementStarted(t, client);
        try {
            return new TransactionCommitter(this, metrics).commit(t, clientCommand);
        } finally {
            statementFinished(t);
        }
    }

    void committed(RouterTransaction t) {
        Boolean wasActive = t.end(TransactionState.COMMITTED, null, nanos.getAsLong());
        if (wasActive != null) {
            metrics.committed(wasActive);
            endListener.accept(t);
        }
    }

    /**
     * Commit of a transaction this router does not know (another router ran it, or this one forgot it): as
     * mongos's recovery with the recoveryToken, the decision is learned from the shard; a transaction still
     * without a decision is aborted there (NoSuchTransaction), as MongoDB's commit recovery does.
     */
    private BsonDocument recoverCommit(LogicalSessionId lsid, long txnNumber, BsonDocument clientCommand,
                                       Function<String, Shard> shardByName) {
        if (clientCommand == null || !clientCommand.isDocument("recoveryToken")) {
            throw new CommandFailedException(TransactionErrors.NO_RECOVERY_TOKEN,
                    ErrorCode.nameOf(TransactionErrors.NO_RECOVERY_TOKEN),
                    "Cannot recover the transaction decision without a recoveryToken");
        }
        BsonValue recoveryShard = clientCommand.getDocument("recoveryToken").get("recoveryShardId");
        if (recoveryShard == null || !recoveryShard.isString()) {
            throw TransactionErrors.noSuchTransaction("the recoveryToken names no recovery shard");
        }
        Shard shard = shardByName.apply(recoveryShard.asString().getValue());
        metrics.commitInitiated("recoverWithToken");
        ShardReply aborted = shard.run(ParticipantCommands.ADMIN, ParticipantCommands.abortCommand(lsid, txnNumber));
        if (aborted.ok()) {
            throw TransactionErrors.aborted(txnNumber);
        }
        if (!aborted.isError(ErrorCode.TRANSACTION_COMMITTED.code())) {
            ShardReply reply = shard.run(ParticipantCommands.ADMIN,
                    ParticipantCommands.commit(lsid, txnNumber, clientCommand));
            if (!reply.ok()) {
                CommandFailedException e = reply.error();
                if (e.code() == ErrorCode.NO_SUCH_TRANSACTION.code()) {
                    e.withLabel(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
                }
                throw e;
            }
            metrics.commitSuccessful("recoverWithToken");
            return TransactionCommitter.relayable(reply.raw());
        }
        metrics.commitSuccessful("recoverWithToken");
        return new BsonDocument();
    }

    /** abortTransaction from the client. */
    public BsonDocument abortTransaction(LogicalSessionId lsid, long txnNumber, ClientInfo client) {
        RouterTransaction t = latest.get(lsid);
        long current = t == null ? -1 : t.txnNumber();
        if (txnNumber < current) {
            throw TransactionErrors.tooOld(txnNumber, current, lsid);
        }
        if (txnNumber > current) {
            throw TransactionErrors.cannotContinue(current, lsid, txnNumber);
        }
        checkContinuable(t);
        statementStarted(t, client);
        try {
            boolean noParticipants = t.participants().isEmpty();
            abort(t, TransactionErrors.EXPLICIT_ABORT_CAUSE);
            if (noParticipants) {
                throw TransactionErrors.noSuchTransaction(
                        "no known command has been sent by this router for this transaction");
            }
            return new BsonDocument();
        } finally {
            statementFinished(t);
        }
    }
}
