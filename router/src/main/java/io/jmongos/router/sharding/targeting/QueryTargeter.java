package io.jmongos.router.sharding.targeting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonValue;

import io.jmongos.engine.index.BsonElementHasher;
import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.router.sharding.ShardKeyPattern;
import io.jmongos.router.sharding.catalog.ChunkEntry;
import io.jmongos.router.sharding.routing.RoutingTable;

/**
 * The shards a query filter must reach (MongoDB's {@code ChunkManager::getShardIdsForQuery}, loosened to
 * supersets): the filter's constraints on the shard key fields ({@link KeyConstraint}; {@code $and} intersects,
 * {@code $or} unites its branches) become intervals of the key space, built over the key's fields in order while
 * they are points (equality, {@code $in}) and ending with the first range; a hashed field only narrows with points,
 * whose hashes are looked up. Every chunk that overlaps an interval names a shard. A filter that says nothing of the
 * key's first field reaches every shard that owns a chunk.
 */
public final class QueryTargeter {
    /**
     * Most key intervals one filter expands into ($in lists multiplied over compound key fields) before the targeter
     * gives up and reaches every shard: 100,000 (MongoDB's kMaxFlattenedInCombinations is 4,000,000; jmongos checks
     * each interval against every chunk, so it stops earlier).
     */
    static final int MAX_INTERVALS = 100_000;

    private QueryTargeter() {
    }

    /** The shards, sorted by name; never empty (a filter that matches nothing still reaches one shard). */
    public static Set<String> shards(RoutingTable table, BsonDocument filter) {
        Set<String> out = target(table, filter == null ? new BsonDocument() : filter);
        if (out.isEmpty()) {
            out.add(table.chunks().get(0).shard());
        }
        return out;
    }

    private static Set<String> target(RoutingTable table, BsonDocument filter) {
        ShardKeyPattern key = table.key();
        Map<String, KeyConstraint> constraints = new HashMap<>();
        Set<String> result = new TreeSet<>(table.shards());
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            String field = e.getKey();
            BsonValue v = e.getValue();
            if (field.equals("$and") && v.isArray()) {
                for (BsonValue sub : v.asArray()) {
                    if (sub.isDocument()) {
                        result.retainAll(target(table, sub.asDocument()));
                    }
                }
            } else if (field.equals("$or") && v.isArray() && !v.asArray().isEmpty()) {
                Set<String> union = new TreeSet<>();
                for (BsonValue sub : v.asArray()) {
                    union.addAll(sub.isDocument() ? target(table, sub.asDocument()) : table.shards());
                }
                result.retainAll(union);
            } else if (key.fields().contains(field)) {
                constraints.merge(field, KeyConstraint.of(v), KeyConstraint::and);
            }
        }
        result.retainAll(fromConstraints(table, constraints));
        return result;
    }

    private static Set<String> fromConstraints(RoutingTable table, Map<String, KeyConstraint> constraints) {
        ShardKeyPattern key = table.key();
        List<BsonDocument[]> intervals = new ArrayList<>();
        intervals.add(new BsonDocument[] {new BsonDocument(), new BsonDocument()});
        List<String> fields = key.fields();
        boolean inclusive = true;
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            KeyConstraint c = constraints.getOrDefault(f, KeyConstraint.ANY);
            if (f.equals(key.hashedField())) {
                c = c.isPoints() ? hashed(c) : KeyConstraint.ANY;
            }
            if (i == 0 && c.isAny()) {
                return new TreeSet<>(table.shards());
            }
            if (c.isPoints() && (long) intervals.size() * c.points().size() <= MAX_INTERVALS) {
                List<BsonDocument[]> next = new ArrayList<>();
                for (BsonDocument[] iv : intervals) {
                    for (BsonValue p : c.points()) {
                        next.add(new BsonDocument[] {iv[0].clone().append(f, p), iv[1].clone().append(f, p)});
                    }
                }
                intervals = next;
                continue;
            }
            BsonValue lo = c.isPoints() ? new BsonMinKey() : c.low();
            BsonValue hi = c.isPoints() ? new BsonMaxKey() : c.high();
            inclusive = c.isPoints() || c.highInclusive();
            for (BsonDocument[] iv : intervals) {
                iv[0].append(f, lo);
                iv[1].append(f, hi);
                for (int j = i + 1; j < fields.size(); j++) {
                    iv[0].append(fields.get(j), new BsonMinKey());
                    iv[1].append(fields.get(j), inclusive ? new BsonMaxKey() : new BsonMinKey());
                }
            }
            break;
        }
        Set<String> out = new TreeSet<>();
        for (BsonDocument[] iv : intervals) {
            for (ChunkEntry chunk : table.chunks()) {
                int toHigh = BsonValueComparator.compareDocuments(chunk.min(), iv[1]);
                if ((toHigh < 0 || toHigh == 0 && inclusive)
                        && BsonValueComparator.compareDocuments(iv[0], chunk.max()) < 0) {
                    out.add(chunk.shard());
                }
            }
        }
        return out;
    }

    private static KeyConstraint hashed(KeyConstraint c) {
        List<BsonValue> hashes = new ArrayList<>();
        c.points().forEach(p -> hashes.add(new BsonInt64(BsonElementHasher.hash64(p))));
        return KeyConstraint.points(hashes);
    }
}
