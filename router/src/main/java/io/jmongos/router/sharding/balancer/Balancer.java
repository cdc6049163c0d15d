package io.jmongos.router.sharding.balancer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.sharding.catalog.ChunkEntry;
import io.jmongos.router.sharding.catalog.CollectionEntry;
import io.jmongos.router.sharding.catalog.ShardingCatalog;
import io.jmongos.router.sharding.chunks.ChunkMigration;
import io.jmongos.router.sharding.routing.CollectionRoutingCache;
import io.jmongos.router.sharding.routing.RoutingTable;

/**
 * The balancer (MongoDB 7's data-size policy, {@code BalancerPolicy}): every round, while it is on and this router
 * holds the {@link BalancerLease}, each sharded collection without {@code noBalance} whose largest and smallest
 * shard copies (collStats {@code size}, every shard of the cluster counted) differ by at least three chunk sizes
 * gets one chunk moved from the largest to the smallest ({@link ChunkMigration}). Rounds are 10 s apart (MongoDB's
 * kBalanceRoundDefaultInterval), 1 s after a round that moved something (kShortBalanceRoundInterval); a round in a
 * cluster without sharded collections only reads config.collections.
 */
public final class Balancer implements AutoCloseable {
    /** MongoDB's kBalanceRoundDefaultInterval: 10 s. */
    static final long ROUND_MILLIS = 10_000;
    /** MongoDB's kShortBalanceRoundInterval: 1 s, after a round that moved a chunk. */
    static final long SHORT_ROUND_MILLIS = 1_000;
    /** Chunk sizes of difference between two shards' data that start a migration: 3 (MongoDB's threshold). */
    static final long IMBALANCE_CHUNKS = 3;
    static final int LOG_MOVED = LogIds.JMONGOS_BASE + 590;
    /**
     * How long closing waits for a round in progress: 60 s, past a test-sized migration; a migration cut short
     * would leave the collection's critical section held on its shards.
     */
    static final long CLOSE_WAIT_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(Balancer.class);

    private final ShardingCatalog catalog;
    private final CollectionRoutingCache cache;
    private final ShardRegistry shards;
    private final ChunkMigration migration;
    private final BalancerSettings settings;
    private final BalancerLease lease;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean inRound = new AtomicBoolean();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong moved = new AtomicLong();

    public Balancer(ShardingCatalog catalog, CollectionRoutingCache cache, ShardRegistry shards,
                    ChunkMigration migration, Shard config) {
        this.catalog = catalog;
        this.cache = cache;
        this.shards = shards;
        this.migration = migration;
        this.settings = new BalancerSettings(config);
        this.lease = new BalancerLease(config);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "balancer");
            th.setDaemon(true);
            return th;
        });
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // closing does not wait for the next round
        this.timer = t;
    }

    /** Start the rounds. */
    public void start() {
        timer.schedule(this::roundAndReschedule, ROUND_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void roundAndReschedule() {
        long next = ROUND_MILLIS;
        try {
            next = round() ? SHORT_ROUND_MILLIS : ROUND_MILLIS;
        } catch (RuntimeException e) {
            LOG.debug("balancer round failed: {}", e.toString());
        }
        try {
            timer.schedule(this::roundAndReschedule, next, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** One round; true when a chunk moved. */
    boolean round() {
        List<CollectionEntry> collections = catalog.allCollections();
        if (collections.isEmpty() || !settings.enabled() || !lease.acquire()) {
            return false; // nothing sharded: no lease is written either
        }
        inRound.set(true);
        try {
            rounds.incrementAndGet();
            long threshold = IMBALANCE_CHUNKS * settings.chunkSizeBytes();
            boolean any = false;
            for (CollectionEntry c : collections) {
                if (!c.noBalance() && balance(c, threshold)) {
                    any = true;
                }
            }
            return any;
        } finally {
            inRound.set(false);
        }
    }

    private boolean balance(CollectionEntry c, long threshold) {
        List<Shard> all = shards.refreshed();
        if (all.size() < 2) {
            return false;
        }
        Map<String, Long> sizes = new HashMap<>();
        for (Shard s : all) {
            ShardReply r = s.run(c.db(), new BsonDocument("collStats", new BsonString(c.collection())));
            sizes.put(s.name(), r.ok() && r.raw().isNumber("size") ? r.raw().getNumber("size").longValue() : 0);
        }
        String big = null;
        String small = null;
        for (Shard s : all) {
            if (big == null || sizes.get(s.name()) > sizes.get(big)) {
                big = s.name();
            }
            if (small == null || sizes.get(s.name()) < sizes.get(small)) {
                small = s.name();
            }
        }
        if (sizes.get(big) - sizes.get(small) < threshold) {
            return false;
        }
        cache.invalidate(c.ns());
        RoutingTable table = cache.get(c.ns());
        if (table == null) {
            return false;
        }
        for (ChunkEntry chunk : table.chunks()) {
            if (chunk.shard().equals(big)) {
                migration.run(table, chunk, shards.get(big), shards.get(small));
                moved.incrementAndGet();
                StructuredLog.info(LOG, LOG_MOVED, LogComponent.SHARDING, "Balancer moved a chunk")
                        .addKeyValue("ns", c.ns()).addKeyValue("min", chunk.min().toJson())
                        .addKeyValue("from", big).addKeyValue("to", small).log();
                return true;
            }
        }
        return false;
    }

    public BalancerSettings settings() {
        return settings;
    }

    public boolean inRound() {
        return inRound.get();
    }

    public long rounds() {
        return rounds.get();
    }

    public long chunksMoved() {
        return moved.get();
    }

    /** Stop the rounds; a round that is moving a chunk finishes first (bounded by {@link #CLOSE_WAIT_SECONDS}). */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
