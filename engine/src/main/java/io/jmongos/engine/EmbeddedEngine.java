package io.jmongos.engine;

import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.changes.ChangeLog;
import io.jmongos.engine.changes.ChangeStreams;
import io.jmongos.engine.command.CommandDispatcher;
import io.jmongos.engine.command.CommandRegistry;
import io.jmongos.engine.command.EngineServices;
import io.jmongos.engine.command.crud.PointReadCheck;
import io.jmongos.engine.cursor.CursorManager;
import io.jmongos.engine.storage.RocksStore;
import io.jmongos.engine.storage.SnapshotHistory;
import io.jmongos.engine.txn.SessionCatalog;
import io.jmongos.engine.write.CollectionWriter;
import org.bson.BsonDocument;

/**
 * The embedded shard: an "embedded mongod" on RocksDB. The router sends it command documents as mongos
 * sends them to a shard and relays the replies. {@link #runCommand} is thread-safe and never throws for
 * command errors: they come back as {@code {ok: 0, errmsg, code, codeName, errorLabels?}}.
 */
public final class EmbeddedEngine implements AutoCloseable {
    private final EngineServices services;
    private final CommandDispatcher dispatcher;
    private final TtlMonitor ttl;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private EmbeddedEngine(EngineServices services) {
        this.services = services;
        this.dispatcher = new CommandDispatcher(services, CommandRegistry.standard());
        this.ttl = new TtlMonitor(services);
    }

    /** Opens the engine: in memory when {@code options.dbPath()} is null, else durable under that directory. */
    public static EmbeddedEngine open(EngineOptions options) {
        RocksStore store = RocksStore.open(options.dbPath(), options.blockCacheBytes());
        try {
            Catalog catalog = new Catalog(store);
            CursorManager cursors = new CursorManager();
            SessionCatalog sessions = new SessionCatalog(store, new TransactionCatalogCheck(catalog), cursors::killAll);
            ChangeStreams changes = new ChangeStreams(new ChangeLog(ChangeLog.DEFAULT_MAX_EVENTS,
                    options.changeLogMaxBytes(), System::currentTimeMillis));
            return new EmbeddedEngine(new EngineServices(options, store, catalog,
                    new CollectionWriter(store, catalog, changes.recorder()), cursors, sessions,
                    new SnapshotHistory(store), changes));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Runs one command against database {@code db}; the reply carries {@code ok: 1} or the error. */
    public BsonDocument runCommand(String db, BsonDocument command) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                return new CommandFailedException(ErrorCode.SHUTDOWN_IN_PROGRESS, "The embedded engine is closed")
                        .toReply();
            }
            return dispatcher.run(db, command);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Whether {@link #runCommand} would answer this command at once: a point read by {@code _id} that reads at most
     * one record and never waits ({@link PointReadCheck}). Callers on threads that must not block use it to decide
     * where to run the command; the answer never changes what the command returns.
     */
    public boolean answersAtOnce(String db, BsonDocument command) {
        return !closed && PointReadCheck.isPointRead(services.catalog(), db, command);
    }

    /** Runs one TTL pass now (tests); returns the number of documents deleted. */
    long runTtlPass() {
        return ttl.runOnce();
    }

    public EngineStats stats() {
        long docs = services.store().estimatedKeys(services.store().records());
        return new EngineStats(services.catalog().databases().size(), services.catalog().all().size(), docs,
                services.cursors().size(), services.sessions().openTransactions());
    }

    /**
     * Kills the cursors idle longer than {@code idleMillis}: a shard server's cursorTimeoutMillis reaper (embedded
     * under a router, the router kills its shard cursors instead).
     *
     * @return how many were killed
     */
    public int reapIdleCursors(long idleMillis) {
        return services.cursors().reapIdle(idleMillis);
    }

    /**
     * Aborts the transactions open longer than {@code lifetimeMillis}: a shard server's
     * transactionLifetimeLimitSeconds reaper.
     *
     * @return how many were aborted
     */
    public int abortExpiredTransactions(long lifetimeMillis) {
        return services.sessions().abortExpired(lifetimeMillis * 1_000_000L);
    }

    /**
     * Aborts the open transactions that wrote to database {@code db} (a shard server entering that database's
     * movePrimary critical section).
     *
     * @return how many were aborted
     */
    public int abortTransactionsWritingTo(String db) {
        return services.sessions().abortWritersOf(db);
    }

    /** Cursor and transaction counters since start, for a shard server's serverStatus. */
    public EngineCounters counters() {
        long[] t = services.sessions().totals();
        return new EngineCounters(services.cursors().size(), services.cursors().totalOpened(),
                services.cursors().timedOut(), services.sessions().openTransactions(), t[0], t[1], t[2], t[3]);
    }

    /** The open cursors, for a shard server's {@code $currentOp} (idleCursors). */
    public java.util.List<EngineCursorInfo> openCursors() {
        java.util.List<EngineCursorInfo> out = new java.util.ArrayList<>();
        for (io.jmongos.engine.cursor.EngineCursor c : services.cursors().list()) {
            out.add(new EngineCursorInfo(c.id(), c.ns(), c.lsid(), c.txnNumber(), c.originatingCommand(),
                    c.lastUsedMillis()));
        }
        return out;
    }

    /** The transactions open between statements, for a shard server's {@code $currentOp} (idleSessions). */
    public java.util.List<EngineTransactionInfo> idleTransactions() {
        return services.sessions().idleTransactions();
    }

    /** The names (and aliases) of the commands {@link #runCommand} answers. */
    public java.util.Set<String> commandNames() {
        return dispatcher.commandNames();
    }

    /** Kills cursors, aborts open transactions and closes the store. */
    @Override
    public void close() {
        ttl.close();
        services.changes().close(); // wakes change stream getMores waiting under the lifecycle read lock
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            services.cursors().closeAll();
            services.sessions().closeAll();
            services.snapshots().close();
            services.store().close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
