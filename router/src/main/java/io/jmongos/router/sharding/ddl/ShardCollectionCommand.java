package io.jmongos.router.sharding.ddl;

import java.util.List;

import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.UuidRepresentation;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.sharding.catalog.CollectionEntry;

/**
 * {@code shardCollection: "db.coll", key: {...}} on admin (alias {@code shardcollection}, what mongosh's
 * {@code sh.shardCollection} sends): shards the collection ({@link ShardCollectionCoordinator}) and answers as
 * mongos does, {@code {collectionsharded: "db.coll", collectionUUID}}. Repeating it with the same key and
 * uniqueness succeeds again.
 */
public final class ShardCollectionCommand implements CommandHandler {
    private final ShardCollectionCoordinator coordinator;

    public ShardCollectionCommand(ShardCollectionCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public String name() {
        return ShardCollectionRequest.COMMAND;
    }

    @Override
    public List<String> aliases() {
        return List.of("shardcollection");
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.DDL;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        CollectionEntry entry = coordinator.run(ShardCollectionRequest.parse(command));
        return new BsonDocument("collectionsharded", new BsonString(entry.ns()))
                .append("collectionUUID", new BsonBinary(entry.uuid(), UuidRepresentation.STANDARD));
    }
}
