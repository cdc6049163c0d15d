package io.jmongos.router.routing;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry;
import io.jmongos.router.shard.ShardReply;

/**
 * A client's command sent to every shard of the cluster, unversioned (mongos's
 * {@code scatterGatherUnversionedTargetAllShards}), through the {@link ShardRequestSender}: the registry is brought in
 * step with the config server first, then each shard is asked in turn, by name. A shard that cannot be reached does
 * not stop the others: its answer carries the failure, and the caller decides (mongos's {@code appendRawResponses}
 * reports it under the shard's host).
 */
public final class ShardBroadcast {
    /**
     * One shard's answer.
     *
     * @param host    the shard's connection string as the config server lists it
     * @param reply   the shard's reply, or null when it could not be reached
     * @param failure why it could not be reached, or null
     */
    public record Answer(String shardName, String host, ShardReply reply, CommandFailedException failure) {
        /** The reply's error, or the transport failure, or null when the shard said ok. */
        public CommandFailedException error() {
            if (failure != null) {
                return failure;
            }
            return reply.ok() ? null : reply.error();
        }
    }

    private final ShardRegistry shards;
    private final ShardRequestSender sender;

    public ShardBroadcast(ShardRegistry shards, ShardRequestSender sender) {
        this.shards = shards;
        this.sender = sender;
    }

    /** Send {@code command} on {@code db} to every shard (not the config server) and collect the answers. */
    public List<Answer> toAllShards(String db, BsonDocument command) {
        List<Answer> out = new ArrayList<>();
        for (Shard shard : shards.refreshed()) {
            String host = shards.hostOf(shard.name());
            try {
                out.add(new Answer(shard.name(), host == null ? shard.host() : host,
                        sender.toShard(shard, db, command), null));
            } catch (CommandFailedException e) {
                out.add(new Answer(shard.name(), host == null ? shard.host() : host, null, e));
            }
        }
        return out;
    }
}
