package io.jmongos.router.shard.remote;

/**
 * A snapshot of one shard host's pool.
 *
 * @param total   connections open or being opened
 * @param idle    open connections waiting in the pool
 * @param inUse   connections checked out by a request
 * @param peak    the highest {@code total} since the pool was created
 * @param created connections opened successfully since the pool was created
 */
public record PoolStats(int total, int idle, int inUse, int peak, long created) {
}
