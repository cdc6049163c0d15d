package io.jmongos.engine.command;

import java.util.function.Function;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.Variables;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.exec.Deadline;
import io.jmongos.engine.storage.StorageTxn;
import io.jmongos.engine.storage.WriteConflictException;
import io.jmongos.engine.txn.OpenTransaction;
import io.jmongos.engine.txn.RetryableWrite;
import io.jmongos.engine.txn.SessionState;
import io.jmongos.engine.txn.TxnParams;
import io.jmongos.engine.storage.SnapshotHistory;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * Everything one command execution needs: the services, the command, its deadline, and its session,
 * transaction or retryable-write context. Writes go through {@link #writeUnit}: inside a transaction on its
 * storage transaction, otherwise each unit in its own storage transaction, retried on write conflicts.
 */
public final class OperationContext {
    /** How long a write outside a transaction keeps retrying write conflicts (MongoDB retries until maxTimeMS). */
    static final long WRITE_CONFLICT_RETRY_MILLIS = 10_000;
    /** Longest pause between two retries of a conflicting write. */
    private static final long MAX_BACKOFF_MILLIS = 20;

    private final EngineServices services;
    private final String db;
    private final BsonDocument command;
    private final Deadline deadline;
    private final TxnParams params;
    private final SessionState session;
    private final OpenTransaction txn;
    private final RetryableWrite retry;
    private Variables let;
    private BsonTimestamp atClusterTime;

    OperationContext(EngineServices services, String db, BsonDocument command, Deadline deadline, TxnParams params,
                     SessionState session, OpenTransaction txn, RetryableWrite retry) {
        this.services = services;
        this.db = db;
        this.command = command;
        this.deadline = deadline;
        this.params = params;
        this.session = session;
        this.txn = txn;
        this.retry = retry;
    }

    /** The same operation running another command document (explain's inner command). */
    public OperationContext withCommand(BsonDocument other) {
        return new OperationContext(services, db, other, deadline, params, session, txn, retry);
    }

    /** The command's {@code let} variables (with {@code $$NOW}), evaluated once per command. */
    public Variables letVariables() {
        if (let == null) {
            BsonValue v = command.get("let");
            let = Variables.fromCommandLet(v != null && v.isDocument() ? v.asDocument() : null);
        }
        return let;
    }

    public EngineServices services() {
        return services;
    }

    public Catalog catalog() {
        return services.catalog();
    }

    public String db() {
        return db;
    }

    public BsonDocument command() {
        return command;
    }

    public String commandName() {
        return command.getFirstKey();
    }

    public Deadline deadline() {
        return deadline;
    }

    public TxnParams params() {
        return params;
    }

    public SessionState session() {
        return session;
    }

    /** The open multi-statement transaction, or null. */
    public OpenTransaction transaction() {
        return txn;
    }

    public boolean inTransaction() {
        return txn != null;
    }

    /** The retryable-write context, or null. */
    public RetryableWrite retryableWrite() {
        return retry;
    }

    /** True when commits must reach disk: writeConcern j:true or w:"majority", or the engine option. */
    public boolean durable() {
        if (services.options().syncEveryCommit()) {
            return true;
        }
        BsonValue wc = command.get("writeConcern");
        if (wc == null || !wc.isDocument()) {
            return false;
        }
        BsonDocument w = wc.asDocument();
        BsonValue j = w.get("j");
        BsonValue mode = w.get("w");
        return j != null && j.isBoolean() && j.asBoolean().getValue()
                || mode != null && mode.isString() && mode.asString().getValue().equals("majority");
    }

    /**
     * A read view: the transaction's; for {@code readConcern: {level: "snapshot"}} the snapshot of
     * {@code atClusterTime} (or a new one, whose time {@link #atClusterTime()} then reports); else a new
     * snapshot.
     */
    public ReadLease openRead() {
        if (txn != null) {
            return new ReadLease(txn.storage(), null);
        }
        ReadConcern rc = ReadConcern.of(command);
        if (rc.snapshot()) {
            SnapshotHistory.Lease lease = rc.atClusterTime() == null ? services.snapshots().takeNew()
                    : services.snapshots().at(rc.atClusterTime());
            atClusterTime = lease.atClusterTime();
            return new ReadLease(lease.snapshot(), lease);
        }
        var snap = services.store().snapshot();
        return new ReadLease(snap, snap);
    }

    /** The cluster time of a snapshot read ({@code atClusterTime} in its reply), or null. */
    public BsonTimestamp atClusterTime() {
        return atClusterTime;
    }

    /** The collection as this operation sees it: its transaction's pending creation, else the catalog's. */
    public CollectionMeta collection(Namespace ns) {
        CollectionMeta pending = txn == null ? null : txn.pending(ns);
        return pending != null ? pending : services.catalog().get(ns);
    }

    /**
     * Creates a collection inside this operation's transaction, pending until it commits; a write conflict
     * when another open transaction is creating the same collection.
     */
    public CollectionMeta createPending(Namespace ns, BsonDocument options) {
        if (!services.catalog().reservePending(ns, txn)) {
            throw new io.jmongos.engine.storage.WriteConflictException();
        }
        CollectionMeta c = services.catalog().newCollection(ns, options);
        txn.putPending(c);
        return c;
    }

    /**
     * Opens a collection for writing, creating it if needed (inside a transaction: a pending creation, seen by
     * others only after the commit), and holds the catalog's shared lock.
     */
    public WriteTarget openForWrite(Namespace ns) {
        Catalog catalog = services.catalog();
        if (txn != null) {
            Catalog.Held held = catalog.shared();
            CollectionMeta c = collection(ns);
            if (c == null) {
                c = createPending(ns, new BsonDocument());
            }
            return new WriteTarget(c, held);
        }
        while (true) {
            if (catalog.get(ns) == null) {
                try (Catalog.Held x = catalog.exclusive()) {
                    if (catalog.get(ns) == null) {
                        catalog.create(ns, new BsonDocument());
                    }
                }
            }
            Catalog.Held held = catalog.shared();
            CollectionMeta meta = catalog.get(ns);
            if (meta != null) {
                return new WriteTarget(meta, held);
            }
            held.close();
        }
    }

    /** Opens an existing collection for writing (meta null when it does not exist), holding the shared lock. */
    public WriteTarget openExisting(Namespace ns) {
        Catalog.Held held = services.catalog().shared();
        return new WriteTarget(collection(ns), held);
    }

    /**
     * Runs one atomic unit of writes to collection {@code c}: inside the transaction, or in a new storage
     * transaction committed at the end (write conflicts retried with backoff, like mongod's
     * writeConflictRetry, until maxTimeMS or {@link #WRITE_CONFLICT_RETRY_MILLIS}).
     */
    public <T> T writeUnit(CollectionMeta c, Function<StorageTxn, T> work) {
        if (txn != null) {
            if (c.capped()) {
                throw cappedInTransaction(c);
            }
            txn.wrote(c.ns(), c.version());
            if (txn.pending(c.ns()) == null && services.catalog().get(c.ns()) == null) {
                throw new io.jmongos.engine.storage.WriteConflictException(); // dropped under the transaction
            }
            return work.apply(txn.storage());
        }
        long start = System.nanoTime();
        long backoff = 1;
        while (true) {
            try (StorageTxn t = services.store().begin(durable())) {
                T result = work.apply(t);
                t.commit();
                return result;
            } catch (WriteConflictException e) {
                deadline.check();
                if ((System.nanoTime() - start) / 1_000_000 > WRITE_CONFLICT_RETRY_MILLIS) {
                    throw e;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** MongoDB refuses writes to capped collections in multi-statement transactions (deletes with code 20). */
    private CommandFailedException cappedInTransaction(CollectionMeta c) {
        if (commandName().equals("delete")) {
            return new CommandFailedException(ErrorCode.ILLEGAL_OPERATION,
                    "Cannot remove from a capped collection in a multi-document transaction: " + c.ns().full());
        }
        return new CommandFailedException(ErrorCode.OPERATION_NOT_SUPPORTED_IN_TRANSACTION, "Collection '"
                + c.ns().full() + "' is a capped collection. Writes in transactions are not allowed on capped "
                + "collections.");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteConflictException();
        }
    }
}
