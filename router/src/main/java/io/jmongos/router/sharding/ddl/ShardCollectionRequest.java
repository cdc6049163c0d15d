package io.jmongos.router.sharding.ddl;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.sharding.ShardKeyPattern;

/**
 * The arguments of {@code shardCollection} ({@code shardcollection}) as MongoDB's IDL reads them
 * (src/mongo/s/request_types/sharded_ddl_commands.idl): the namespace, {@code key} (required), {@code unique},
 * {@code numInitialChunks}, {@code presplitHashedZones}, {@code collation}. {@code timeseries} is refused: jmongos
 * has no time-series collections.
 */
record ShardCollectionRequest(String db, String collection, ShardKeyPattern key, boolean unique,
                              int numInitialChunks, boolean presplitHashedZones, BsonDocument collation) {
    static final String COMMAND = "shardCollection";

    String ns() {
        return db + "." + collection;
    }

    static ShardCollectionRequest parse(BsonDocument cmd) {
        BsonValue target = cmd.get(cmd.getFirstKey());
        if (!target.isString()) {
            throw CommandArgs.wrongType(COMMAND, COMMAND, target, "string");
        }
        String ns = target.asString().getValue();
        int dot = ns.indexOf('.');
        if (dot <= 0 || dot == ns.length() - 1 || ns.indexOf('\0') >= 0) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "Invalid namespace specified '" + ns + "'");
        }
        BsonValue key = CommandArgs.required(cmd, COMMAND, "key");
        if (!key.isDocument()) {
            throw CommandArgs.wrongType(COMMAND, "key", key, "object");
        }
        BsonValue unique = cmd.get("unique");
        if (unique != null && !unique.isBoolean()) {
            throw CommandArgs.wrongType(COMMAND, "unique", unique, "bool");
        }
        BsonValue chunks = cmd.get("numInitialChunks");
        if (chunks != null && !chunks.isNumber()) {
            throw CommandArgs.wrongType(COMMAND, "numInitialChunks", chunks, "long");
        }
        BsonValue presplit = cmd.get("presplitHashedZones");
        if (presplit != null && !presplit.isBoolean()) {
            throw CommandArgs.wrongType(COMMAND, "presplitHashedZones", presplit, "bool");
        }
        BsonValue collation = cmd.get("collation");
        if (collation != null && !collation.isDocument()) {
            throw CommandArgs.wrongType(COMMAND, "collation", collation, "object");
        }
        if (cmd.containsKey("timeseries")) {
            throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED,
                    "jmongos does not shard time-series collections");
        }
        long n = chunks == null ? 0 : chunks.asNumber().longValue();
        return new ShardCollectionRequest(ns.substring(0, dot), ns.substring(dot + 1),
                ShardKeyPattern.parse(key.asDocument()), unique != null && unique.asBoolean().getValue(),
                (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n)),
                presplit != null && presplit.asBoolean().getValue(),
                collation == null ? null : collation.asDocument());
    }
}
