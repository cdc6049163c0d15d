package io.jmongos.router.sharding.ddl;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonMinKey;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.router.sharding.ShardKeyPattern;

/**
 * The first chunks of a newly sharded collection, as MongoDB's {@code InitialSplitPolicy}
 * (src/mongo/db/s/config/initial_split_policy.cpp) lays them out when no zones are defined: an empty collection
 * with a hashed prefix is split evenly over the hash range into {@code numInitialChunks} chunks (default two per
 * shard) spread over the shards sorted by name, {@code numInitialChunks / shards} contiguous chunks per shard when
 * that divides evenly, else one at a time round-robin; every other collection gets one chunk
 * {@code [MinKey, MaxKey)} on the database's primary shard.
 */
final class InitialChunks {
    /** MongoDB's shardutil::kMaxSplitPoints: at most 8192 initial chunks per shard. */
    static final int MAX_CHUNKS_PER_SHARD = 8192;
    /** MongoDB's cap on initial chunks in total: 1,000,000 ("arbitrary limit to memory consumption"). */
    static final int MAX_CHUNKS_TOTAL = 1_000_000;
    /** Code of MongoDB's refusal of presplitHashedZones without zones (PresplitHashedZonesSplitPolicy). */
    static final int PRESPLIT_WITHOUT_ZONES = 31387;

    /** One initial chunk: {@code [min, max)} on {@code shard}. */
    record Chunk(BsonDocument min, BsonDocument max, String shard) {
    }

    private InitialChunks() {
    }

    /** MongoDB's bound on numInitialChunks, checked with the command's arguments. */
    static void checkCount(int numInitialChunks, int numShards) {
        int maxForShards = numShards * MAX_CHUNKS_PER_SHARD;
        if (numInitialChunks < 0 || numInitialChunks > maxForShards || numInitialChunks > MAX_CHUNKS_TOTAL) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "numInitialChunks cannot be more than "
                    + "either: " + maxForShards + ", " + MAX_CHUNKS_PER_SHARD + " * number of shards; or "
                    + MAX_CHUNKS_TOTAL);
        }
    }

    /** MongoDB's checks of numInitialChunks and presplitHashedZones once emptiness is known (jmongos has no zones). */
    static void checkPolicy(ShardKeyPattern key, int numInitialChunks, boolean presplitHashedZones, boolean empty) {
        if (numInitialChunks != 0 && !(key.isHashed() && empty)) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "numInitialChunks is only supported when "
                    + "the collection is empty and has a hashed field in the shard key pattern");
        }
        if (numInitialChunks != 0 && !key.hasHashedPrefix() && !presplitHashedZones) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "When the prefix of the hashed shard key is "
                    + "a range field, 'numInitialChunks' can only be used when the 'presplitHashedZones' is true");
        }
        if (presplitHashedZones) {
            throw new CommandFailedException(PRESPLIT_WITHOUT_ZONES, "Location" + PRESPLIT_WITHOUT_ZONES,
                    "'presplitHashedZones' is only supported when the collection is empty, zones are set up and "
                            + "shard key pattern has a hashed field");
        }
    }

    /**
     * The chunks, ordered by range.
     *
     * @param shards  every shard's name, sorted
     * @param primary the database's primary shard
     */
    static List<Chunk> compute(ShardKeyPattern key, boolean empty, int numInitialChunks, List<String> shards,
                               String primary) {
        if (!key.hasHashedPrefix() || !empty) {
            return List.of(new Chunk(key.globalMin(), key.globalMax(), primary));
        }
        int n = numInitialChunks == 0 ? 2 * shards.size() : numInitialChunks;
        List<BsonDocument> points = hashedSplitPoints(key, n);
        int contiguous = n >= shards.size() && n % shards.size() == 0 ? n / shards.size() : 1;
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i <= points.size(); i++) {
            BsonDocument min = i == 0 ? key.globalMin() : points.get(i - 1);
            BsonDocument max = i < points.size() ? points.get(i) : key.globalMax();
            String shard = i == 0 && points.size() + 1 < shards.size() ? primary
                    : shards.get((i / contiguous) % shards.size());
            out.add(new Chunk(min, max, shard));
        }
        return out;
    }

    /**
     * MongoDB's {@code calculateHashedSplitPoints} for a hashed prefix: {@code n} even slices of the long range,
     * split at 0 when {@code n} is even, the fields after the hashed one at MinKey.
     */
    static List<BsonDocument> hashedSplitPoints(ShardKeyPattern key, int n) {
        List<BsonDocument> points = new ArrayList<>();
        if (n <= 1) {
            return points;
        }
        long interval = (Long.MAX_VALUE / n) * 2;
        long current = 0;
        if (n % 2 == 0) {
            points.add(point(key, current));
            current += interval;
        } else {
            current += interval / 2;
        }
        for (int i = 0; i < (n - 1) / 2; i++) {
            points.add(point(key, current));
            points.add(point(key, -current));
            current += interval;
        }
        points.sort(BsonValueComparator::compareDocuments);
        return points;
    }

    private static BsonDocument point(ShardKeyPattern key, long value) {
        BsonDocument d = new BsonDocument();
        for (String f : key.fields()) {
            d.put(f, f.equals(key.hashedField()) ? new BsonInt64(value) : new BsonMinKey());
        }
        return d;
    }
}
