package io.jmongos.router.cluster;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt64;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.remote.PoolStats;
import io.jmongos.router.shard.remote.RemoteShard;

/**
 * {@code connPoolStats} on a cluster router: the router's pools to the config server and the shards, in mongos's
 * shape ({@code ConnectionPoolStats::appendToBSON}): {@code totalInUse}, {@code totalAvailable}, {@code totalCreated},
 * {@code totalRefreshing}, {@code pools: {<pool>: {poolInUse, poolAvailable, poolCreated, poolRefreshing,
 * <host>: {...}}}} and {@code hosts: {<host>: {inUse, available, created, refreshing}}}. jmongos has one pool per shard
 * host ({@value #POOL}); it never refreshes a connection, so {@code refreshing} is 0. mongos's own client-side
 * figures ({@code numClientConnections}, {@code numAScopedConnections}) are 0: jmongos has no such connections.
 */
final class ConnPoolStatsCommand implements CommandHandler {
    /** jmongos' name for its pools to shards (mongos names its own, e.g. NetworkInterfaceTL-ShardRegistry). */
    static final String POOL = "jmongos-RemoteShard";

    private final ClusterContext cluster;

    ConnPoolStatsCommand(ClusterContext cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "connPoolStats";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        List<Shard> shards = new ArrayList<>();
        shards.add(cluster.catalog().configShard());
        shards.addAll(ctx.services().shards().all());
        BsonDocument hosts = new BsonDocument();
        long inUse = 0;
        long available = 0;
        long created = 0;
        for (Shard s : shards) {
            if (s instanceof RemoteShard remote) {
                PoolStats p = remote.poolStats();
                hosts.put(remote.host(), figures("", p.inUse(), p.idle(), p.created()));
                inUse += p.inUse();
                available += p.idle();
                created += p.created();
            }
        }
        BsonDocument pool = figures("pool", inUse, available, created);
        hosts.forEach(pool::put);
        return new BsonDocument("numClientConnections", new BsonInt64(0))
                .append("numAScopedConnections", new BsonInt64(0))
                .append("totalInUse", new BsonInt64(inUse)).append("totalAvailable", new BsonInt64(available))
                .append("totalCreated", new BsonInt64(created)).append("totalRefreshing", new BsonInt64(0))
                .append("pools", new BsonDocument(POOL, pool)).append("hosts", hosts.clone());
    }

    /** {@code inUse, available, created, refreshing}, each name prefixed and capitalised when {@code prefix} is set. */
    private static BsonDocument figures(String prefix, long inUse, long available, long created) {
        return new BsonDocument(name(prefix, "inUse"), new BsonInt64(inUse))
                .append(name(prefix, "available"), new BsonInt64(available))
                .append(name(prefix, "created"), new BsonInt64(created))
                .append(name(prefix, "refreshing"), new BsonInt64(0));
    }

    private static String name(String prefix, String field) {
        return prefix.isEmpty() ? field : prefix + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
