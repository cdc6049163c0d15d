package io.jmongos.engine;

import java.nio.file.Path;
import java.time.Duration;

import io.jmongos.engine.changes.ChangeLog;

/**
 * Engine settings.
 *
 * @param dbPath               data directory; null keeps everything in memory (RocksDB on RocksMemEnv)
 * @param blockCacheBytes      RocksDB block cache size
 * @param ttlMonitorPeriod     how often expired documents of TTL indexes are deleted
 * @param sortMemoryLimitBytes bound of a blocking sort's buffered documents
 * @param syncEveryCommit      fsync the WAL on every commit (otherwise only for writeConcern j:true or
 *                             w:"majority", like MongoDB's journal commit for w:1 j:false)
 * @param sessionIdleTimeout   in-memory session state without an open transaction is forgotten after this
 * @param changeLogMaxBytes    bytes of change data the change log (what change streams read) keeps
 */
public record EngineOptions(Path dbPath, long blockCacheBytes, Duration ttlMonitorPeriod, long sortMemoryLimitBytes,
                            boolean syncEveryCommit, Duration sessionIdleTimeout, long changeLogMaxBytes) {
    /** Block cache default: 64 MiB, enough for indexes of a test-size data set; tune for real data. */
    public static final long DEFAULT_BLOCK_CACHE_BYTES = 64L * 1024 * 1024;
    /** MongoDB's ttlMonitorSleepSecs default: 60 seconds. */
    public static final Duration DEFAULT_TTL_MONITOR_PERIOD = Duration.ofSeconds(60);
    /** MongoDB's internalQueryMaxBlockingSortMemoryUsageBytes default: 100 MiB. */
    public static final long DEFAULT_SORT_MEMORY_LIMIT_BYTES = 100L * 1024 * 1024;
    /** MongoDB's logicalSessionTimeoutMinutes default: 30 minutes. */
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);

    public EngineOptions {
        if (blockCacheBytes <= 0 || sortMemoryLimitBytes <= 0 || changeLogMaxBytes <= 0) {
            throw new IllegalArgumentException("cache, sort and change log limits must be positive");
        }
        if (ttlMonitorPeriod == null || ttlMonitorPeriod.isNegative() || ttlMonitorPeriod.isZero()) {
            throw new IllegalArgumentException("ttlMonitorPeriod must be positive");
        }
        if (sessionIdleTimeout == null || sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
            throw new IllegalArgumentException("sessionIdleTimeout must be positive");
        }
    }

    /** An in-memory engine with default settings. */
    public static EngineOptions inMemory() {
        return new EngineOptions(null, DEFAULT_BLOCK_CACHE_BYTES, DEFAULT_TTL_MONITOR_PERIOD,
                DEFAULT_SORT_MEMORY_LIMIT_BYTES, false, DEFAULT_SESSION_IDLE_TIMEOUT, ChangeLog.DEFAULT_MAX_BYTES);
    }

    /** A durable engine under {@code dbPath} with default settings. */
    public static EngineOptions at(Path dbPath) {
        return inMemory().withDbPath(dbPath);
    }

    public EngineOptions withDbPath(Path path) {
        return new EngineOptions(path, blockCacheBytes, ttlMonitorPeriod, sortMemoryLimitBytes, syncEveryCommit,
                sessionIdleTimeout, changeLogMaxBytes);
    }

    public EngineOptions withTtlMonitorPeriod(Duration period) {
        return new EngineOptions(dbPath, blockCacheBytes, period, sortMemoryLimitBytes, syncEveryCommit,
                sessionIdleTimeout, changeLogMaxBytes);
    }

    public EngineOptions withSortMemoryLimitBytes(long bytes) {
        return new EngineOptions(dbPath, blockCacheBytes, ttlMonitorPeriod, bytes, syncEveryCommit,
                sessionIdleTimeout, changeLogMaxBytes);
    }

    public EngineOptions withSyncEveryCommit(boolean sync) {
        return new EngineOptions(dbPath, blockCacheBytes, ttlMonitorPeriod, sortMemoryLimitBytes, sync,
                sessionIdleTimeout, changeLogMaxBytes);
    }

    /** The change log's byte bound (the count bound stays {@link ChangeLog#DEFAULT_MAX_EVENTS}). */
    public EngineOptions withChangeLogMaxBytes(long bytes) {
        return new EngineOptions(dbPath, blockCacheBytes, ttlMonitorPeriod, sortMemoryLimitBytes, syncEveryCommit,
                sessionIdleTimeout, bytes);
    }

    public EngineOptions withBlockCacheBytes(long bytes) {
        return new EngineOptions(dbPath, bytes, ttlMonitorPeriod, sortMemoryLimitBytes, syncEveryCommit,
                sessionIdleTimeout, changeLogMaxBytes);
    }
}
