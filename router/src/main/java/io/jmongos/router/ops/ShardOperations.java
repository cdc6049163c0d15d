package io.jmongos.router.ops;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.RouterServices;
import io.jmongos.router.routing.ShardBroadcast;
import io.jmongos.router.session.BsonTypeNames;

/**
 * {@code $currentOp} of a cluster router without {@code localOps} (mongos's default): the stage, with the client's
 * options, goes to every shard, and each shard's entries come back as mongos shows them
 * ({@code DocumentSourceCurrentOp} run "fromMongos"): {@code shard: <name>} first, {@code opid} as
 * {@code "<shard>:<opid>"}, {@code client} renamed {@code client_s} (the address is the router's). The first shard
 * that fails fails the aggregation, as mongos's does.
 */
final class ShardOperations {
    static final String SHARD_FIELD = "shard";
    static final String MONGOS_CLIENT_FIELD = "client_s";

    private ShardOperations() {
    }

    /** Every shard's $currentOp entries, labelled; {@code spec} is the stage's options as the client gave them. */
    static List<BsonDocument> report(RouterServices services, BsonDocument spec) {
        BsonDocument options = spec.clone();
        options.remove("localOps");
        BsonDocument command = new BsonDocument("aggregate", new BsonInt32(1))
                .append("pipeline", new BsonArray(List.of(new BsonDocument(CurrentOpAggregation.STAGE, options))))
                .append("cursor", new BsonDocument());
        List<BsonDocument> out = new ArrayList<>();
        for (ShardBroadcast.Answer a : new ShardBroadcast(services.shards(), services.sender())
                .toAllShards("admin", command)) {
            if (a.error() != null) {
                throw a.error();
            }
            for (BsonValue v : a.reply().cursor().getArray("firstBatch")) {
                out.add(labelled(a.shardName(), v.asDocument()));
            }
        }
        return out;
    }

    /** A shard's entry as mongos shows it. */
    static BsonDocument labelled(String shard, BsonDocument op) {
        BsonDocument d = new BsonDocument(SHARD_FIELD, new BsonString(shard));
        for (var e : op.entrySet()) {
            switch (e.getKey()) {
                case "opid" -> {
                    if (!e.getValue().isNumber()) {
                        throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "expected numeric opid for "
                                + "$currentOp response from '" + shard + "' but got: "
                                + BsonTypeNames.of(e.getValue()));
                    }
                    d.put("opid", new BsonString(shard + ":" + e.getValue().asNumber().intValue()));
                }
                case "client" -> d.put(MONGOS_CLIENT_FIELD, e.getValue());
                default -> d.put(e.getKey(), e.getValue());
            }
        }
        return d;
    }
}
