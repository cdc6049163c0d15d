package io.jmongos.router.sharding.targeting;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry;

/**
 * A chunk's shard by name: a name the registry does not know yet (added through another router) makes it read
 * config.shards once, as mongos reloads its ShardRegistry when a shard is not found; still unknown is 70.
 */
public final class ShardLookup {
    private ShardLookup() {
    }

    public static Shard get(CommandContext ctx, String name) {
        return get(ctx.services().shards(), name);
    }

    public static Shard get(ShardRegistry shards, String name) {
        if (!shards.contains(name)) {
            shards.refreshed();
        }
        return shards.get(name);
    }
}
