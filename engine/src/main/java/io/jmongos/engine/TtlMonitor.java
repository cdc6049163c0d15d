package io.jmongos.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.command.EngineServices;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.exec.Deadline;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.ReadSnapshot;
import io.jmongos.engine.storage.StorageTxn;
import io.jmongos.engine.write.CollectionWriter;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TTL monitor (MongoDB's TTLMonitor): every period, for each index with expireAfterSeconds, deletes the
 * documents whose indexed date (the earliest one for arrays) is older than now - expireAfterSeconds, reading
 * the index, each document in its own storage transaction. Also forgets idle sessions.
 */
final class TtlMonitor implements AutoCloseable {
    /** Documents collected from the index before they are deleted (the iterator is released in between). */
    static final int CHUNK_SIZE = 256;
    private static final Logger LOG = LoggerFactory.getLogger(TtlMonitor.class);

    private final EngineServices services;
    private final ScheduledExecutorService executor;

    TtlMonitor(EngineServices services) {
        this.services = services;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jmongos-ttl-monitor");
            t.setDaemon(true);
            return t;
        });
        long period = services.options().ttlMonitorPeriod().toMillis();
        executor.scheduleWithFixedDelay(this::runOnce, period, period, TimeUnit.MILLISECONDS);
    }

    /** One pass over all TTL indexes; returns the number of documents deleted. */
    long runOnce() {
        long deleted = 0;
        try {
            for (CollectionMeta c : services.catalog().all()) {
                for (IndexMeta i : c.indexes()) {
                    if (i.expireAfterSeconds() != null && i.paths().size() == 1) {
                        deleted += expire(c, i);
                    }
                }
            }
            services.sessions().reapIdle(services.options().sessionIdleTimeout().toNanos());
        } catch (RuntimeException e) {
            LOG.warn("TTL monitor pass failed", e);
        }
        return deleted;
    }

    private long expire(CollectionMeta c, IndexMeta index) {
        long cutoff = System.currentTimeMillis() - index.expireAfterSeconds() * 1000;
        BsonDocument filter = new BsonDocument(index.paths().get(0).dotted(),
                new BsonDocument("$lte", new BsonDateTime(cutoff)));
        QueryMatcher matcher = QueryCompiler.compile(filter);
        long deleted = 0;
        Catalog catalog = services.catalog();
        while (true) {
            List<BsonValue> ids = new ArrayList<>();
            long before = deleted;
            try (Catalog.Held h = catalog.shared()) {
                CollectionMeta current = catalog.get(c.ns());
                if (current == null || current.index(index.name()) == null) {
                    return deleted;
                }
                try (ReadSnapshot snap = services.store().snapshot();
                     var stream = QuerySupport.plan(services, snap, current, new QuerySupport.Query(filter, null, 0,
                             CHUNK_SIZE, null, new BsonString(index.name())), Deadline.NONE).stream()) {
                    BsonDocument d;
                    while ((d = stream.next()) != null) {
                        ids.add(d.get("_id"));
                    }
                }
                for (BsonValue id : ids) {
                    deleted += deleteIfExpired(current, matcher, id);
                }
            }
            if (ids.size() < CHUNK_SIZE || deleted == before) {
                return deleted;
            }
        }
    }

    private int deleteIfExpired(CollectionMeta c, QueryMatcher matcher, BsonValue id) {
        try (StorageTxn txn = services.store().begin(false)) {
            byte[] bytes = txn.getForUpdate(services.store().records(), CollectionWriter.recordKey(c, id));
            if (bytes == null) {
                return 0;
            }
            BsonDocument doc = BsonBytes.toDocument(bytes);
            if (!matcher.matches(doc)) {
                return 0;
            }
            services.writer().delete(txn, c, doc);
            txn.commit();
            return 1;
        } catch (CommandFailedException e) {
            return 0; // write conflict: the next pass tries again
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
