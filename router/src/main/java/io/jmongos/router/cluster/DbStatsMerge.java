package io.jmongos.router.cluster;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNumber;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * mongos's dbStats answer from its shards' answers ({@code cluster_db_stats_cmd.cpp} with
 * {@code appendRawResponses}): {@code raw} holds each shard's reply under its connection string, then {@code db} and
 * the sums of the shards' figures (the shards have scaled them already); {@code avgObjSize} is recomputed as
 * {@code sum(avgObjSize * objects) / objects} (mongod does not scale it); counts are int32 where they fit, sizes
 * doubles, as mongos appends them. A shard that failed or could not be reached fails the command with
 * OperationFailed (96) naming the shard's host and its error (ShardNotFound is ignored when another shard answered),
 * as mongos. One instance per command; not thread-safe.
 */
final class DbStatsMerge {
    private final BsonDocument raw = new BsonDocument();
    private final List<String[]> errors = new ArrayList<>();
    private final List<Integer> errorCodes = new ArrayList<>();
    private int answered;
    private long collections;
    private long views;
    private long objects;
    private double unscaledDataSize;
    private double dataSize;
    private double storageSize;
    private double totalSize;
    private long indexes;
    private double indexSize;
    private double fsUsedSize;
    private double fsTotalSize;
    private double freeStorageSize;
    private double totalFreeStorageSize;
    private double indexFreeStorageSize;

    /** A shard's ok reply (without its clock fields). */
    DbStatsMerge ok(String host, BsonDocument reply) {
        raw.put(host, reply);
        answered++;
        for (String required : new String[] {"storageSize", "indexSize", "totalSize"}) {
            if (!reply.isNumber(required)) {
                throw new CommandFailedException(ErrorCode.INTERNAL_ERROR, "Missing required field " + required
                        + " in dbStats response");
            }
        }
        collections += longOf(reply, "collections");
        views += longOf(reply, "views");
        long objs = longOf(reply, "objects");
        objects += objs;
        unscaledDataSize += doubleOf(reply, "avgObjSize") * objs;
        dataSize += doubleOf(reply, "dataSize");
        storageSize += doubleOf(reply, "storageSize");
        totalSize += doubleOf(reply, "totalSize");
        indexes += longOf(reply, "indexes");
        indexSize += doubleOf(reply, "indexSize");
        fsUsedSize += doubleOf(reply, "fsUsedSize");
        fsTotalSize += doubleOf(reply, "fsTotalSize");
        freeStorageSize += doubleOf(reply, "freeStorageSize");
        totalFreeStorageSize += doubleOf(reply, "totalFreeStorageSize");
        indexFreeStorageSize += doubleOf(reply, "indexFreeStorageSize");
        return this;
    }

    /** A shard that answered with an error, or could not be reached: its error reply goes into {@code raw}. */
    DbStatsMerge failed(String host, CommandFailedException e) {
        raw.put(host, e.toReply());
        errors.add(new String[] {host, e.getMessage()});
        errorCodes.add(e.code());
        return this;
    }

    /** The reply; OperationFailed when a shard failed. */
    BsonDocument reply(String db, long scale, boolean freeStorage) {
        StringBuilder msg = new StringBuilder();
        for (int i = 0; i < errors.size(); i++) {
            if (answered > 0 && errorCodes.get(i) == ErrorCode.SHARD_NOT_FOUND.code()) {
                continue;
            }
            msg.append(msg.length() == 0 ? "{ " : ", ").append(errors.get(i)[0]).append(": \"")
                    .append(errors.get(i)[1]).append('"');
        }
        if (msg.length() > 0) {
            throw new CommandFailedException(ErrorCode.OPERATION_FAILED, msg.append(" }").toString());
        }
        BsonDocument out = new BsonDocument("raw", raw).append("db", new BsonString(db))
                .append("collections", count(collections)).append("views", count(views))
                .append("objects", count(objects))
                .append("avgObjSize", new BsonDouble(objects == 0 ? 0 : unscaledDataSize / objects))
                .append("dataSize", new BsonDouble(dataSize)).append("storageSize", new BsonDouble(storageSize));
        if (freeStorage) {
            out.append("freeStorageSize", new BsonDouble(freeStorageSize));
        }
        out.append("indexes", count(indexes)).append("indexSize", new BsonDouble(indexSize));
        if (freeStorage) {
            out.append("indexFreeStorageSize", new BsonDouble(indexFreeStorageSize));
        }
        out.append("totalSize", new BsonDouble(totalSize));
        if (freeStorage) {
            out.append("totalFreeStorageSize", new BsonDouble(totalFreeStorageSize));
        }
        return out.append("scaleFactor", count(scale)).append("fsUsedSize", new BsonDouble(fsUsedSize))
                .append("fsTotalSize", new BsonDouble(fsTotalSize));
    }

    /** A count as BSONObjBuilder::appendNumber(long long) writes it: int32 when it fits. */
    static BsonNumber count(long n) {
        return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? new BsonInt32((int) n) : new BsonInt64(n);
    }

    private static long longOf(BsonDocument d, String field) {
        BsonValue v = d.get(field);
        return v != null && v.isNumber() ? v.asNumber().longValue() : 0;
    }

    private static double doubleOf(BsonDocument d, String field) {
        BsonValue v = d.get(field);
        return v != null && v.isNumber() ? v.asNumber().doubleValue() : 0;
    }
}
