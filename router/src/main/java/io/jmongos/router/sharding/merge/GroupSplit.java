package io.jmongos.router.sharding.merge;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * A {@code $group} split into a partial group on each shard and a final group on the router, as MongoDB's
 * {@code DocumentSourceGroup} distributes itself: {@code $sum}, {@code $min}, {@code $max} and {@code $count} merge
 * with themselves ({@code $count} as a sum of counts), {@code $avg} travels as a sum and a count of the numeric
 * values and is divided on the router; a final {@code $replaceWith} restores the fields in the client's order.
 * Groups with other accumulators (order-dependent or array-building ones) are not split: they run whole on the
 * router.
 */
final class GroupSplit {
    /** Accumulators that combine with themselves. */
    static final Set<String> SELF_MERGING = Set.of("$sum", "$min", "$max");
    /** The BSON type names $avg counts (MongoDB's numeric types). */
    static final List<String> NUMERIC = List.of("double", "int", "long", "decimal");
    /** Suffixes of the two partial fields of an $avg (names no client field of a group output can clash with). */
    static final String SUM = "__jmongos_avg_sum";
    static final String COUNT = "__jmongos_avg_count";

    /** The shard part and the router part of a split group. */
    record Parts(BsonDocument shardGroup, BsonArray routerStages) {
    }

    private GroupSplit() {
    }

    /** The split of {@code group} (the {@code $group} stage's body), or null when it cannot be split. */
    static Parts split(BsonDocument group) {
        BsonDocument shard = new BsonDocument("_id", group.get("_id", BsonNull.VALUE));
        BsonDocument merge = new BsonDocument("_id", new BsonString("$_id"));
        BsonDocument shape = new BsonDocument("_id", new BsonString("$_id"));
        for (Map.Entry<String, BsonValue> e : group.entrySet()) {
            String field = e.getKey();
            if (field.equals("_id")) {
                continue;
            }
            if (!e.getValue().isDocument() || e.getValue().asDocument().size() != 1) {
                return null;
            }
            BsonDocument acc = e.getValue().asDocument();
            String op = acc.getFirstKey();
            BsonValue arg = acc.get(op);
            String ref = "$" + field;
            if (SELF_MERGING.contains(op)) {
                shard.append(field, acc);
                merge.append(field, new BsonDocument(op, new BsonString(ref)));
                shape.append(field, new BsonString(ref));
            } else if (op.equals("$count") && arg.isDocument() && arg.asDocument().isEmpty()) {
                shard.append(field, new BsonDocument("$sum", new BsonInt32(1)));
                merge.append(field, new BsonDocument("$sum", new BsonString(ref)));
                shape.append(field, new BsonString(ref));
            } else if (op.equals("$avg")) {
                BsonArray numeric = new BsonArray();
                NUMERIC.forEach(t -> numeric.add(new BsonString(t)));
                BsonDocument isNumber = new BsonDocument("$in", new BsonArray(List.of(new BsonDocument("$type", arg),
                        numeric)));
                shard.append(field + SUM, new BsonDocument("$sum", arg));
                shard.append(field + COUNT, new BsonDocument("$sum", new BsonDocument("$cond", new BsonArray(List.of(
                        isNumber, new BsonInt32(1), new BsonInt32(0))))));
                merge.append(field + SUM, new BsonDocument("$sum", new BsonString(ref + SUM)));
                merge.append(field + COUNT, new BsonDocument("$sum", new BsonString(ref + COUNT)));
                shape.append(field, new BsonDocument("$cond", new BsonArray(List.of(
                        new BsonDocument("$eq", new BsonArray(List.of(new BsonString(ref + COUNT), new BsonInt32(0)))),
                        BsonNull.VALUE,
                        new BsonDocument("$divide", new BsonArray(List.of(new BsonString(ref + SUM),
                                new BsonString(ref + COUNT))))))));
            } else {
                return null;
            }
        }
        BsonArray router = new BsonArray();
        router.add(new BsonDocument("$group", merge));
        router.add(new BsonDocument("$replaceWith", shape));
        return new Parts(shard, router);
    }
}
