package io.jmongos.router.routing;

import org.bson.BsonDocument;

/**
 * What the request sender asks about collection versions (installed on a cluster router by
 * {@code router.sharding}): the {@code shardVersion} a command on a collection carries to a shard, and what to do
 * when a shard answers StaleConfig.
 */
public interface ShardVersioning {
    /**
     * Attach to {@code command} (on database {@code db}, about to go to {@code shardName}) the {@code shardVersion}
     * of the collection it names: the shard's version of a sharded collection (the {@code databaseVersion} is then
     * removed, as mongos sends none for a sharded collection), {@code UNSHARDED} for an unsharded one; nothing when
     * the command names no versioned collection.
     */
    void attach(String db, BsonDocument command, String shardName);

    /**
     * A shard answered StaleConfig for the collection of {@code command}: read its routing table again.
     *
     * @return true when the collection is still unsharded (the command may go to the primary again); false when it
     *         is sharded now, so the command must be routed by its shard key instead
     */
    boolean stale(String db, BsonDocument command);
}
