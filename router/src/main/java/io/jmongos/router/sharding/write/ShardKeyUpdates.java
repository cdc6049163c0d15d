package io.jmongos.router.sharding.write;

import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.router.sharding.ShardKeyPattern;

/**
 * Refuses updates that would change a document's shard key value, which jmongos cannot carry out yet (MongoDB 4.2+
 * moves the document to its new shard inside a transaction or retryable write; before 4.2 it refused with 66
 * ImmutableField, as jmongos does now): an update operator on a shard key field, on a path inside one or on one of
 * its parents ({@code $rename} on either side), and a replacement whose key differs from the filter's equality on
 * the key. Pipeline updates and replacements whose filter does not pin the key are not checked.
 */
final class ShardKeyUpdates {
    private ShardKeyUpdates() {
    }

    static void check(ShardKeyPattern key, BsonDocument filter, BsonValue update) {
        if (update == null || !update.isDocument() || update.asDocument().isEmpty()) {
            return;
        }
        BsonDocument u = update.asDocument();
        if (!u.getFirstKey().startsWith("$")) {
            checkReplacement(key, filter, u);
            return;
        }
        for (Map.Entry<String, BsonValue> op : u.entrySet()) {
            if (!op.getValue().isDocument() || op.getKey().equals("$setOnInsert")) {
                continue;
            }
            for (Map.Entry<String, BsonValue> e : op.getValue().asDocument().entrySet()) {
                refuseIfKey(key, e.getKey());
                if (op.getKey().equals("$rename") && e.getValue().isString()) {
                    refuseIfKey(key, e.getValue().asString().getValue());
                }
            }
        }
    }

    private static void checkReplacement(ShardKeyPattern key, BsonDocument filter, BsonDocument replacement) {
        for (String f : key.fields()) {
            BsonValue wanted = filter == null ? null : filter.get(f);
            if (wanted == null || wanted.isDocument() && !wanted.asDocument().isEmpty()
                    && wanted.asDocument().getFirstKey().startsWith("$")) {
                return; // the filter does not pin this field: the shard's value is not known here
            }
        }
        for (String f : key.fields()) {
            BsonValue was = filter.get(f);
            BsonValue now = ShardKeyPattern.valueOrArray(replacement, f);
            if (now == null || !BsonValueComparator.equal(was, now)) {
                throw refusal(f);
            }
        }
    }

    private static void refuseIfKey(ShardKeyPattern key, String path) {
        for (String f : key.fields()) {
            if (path.equals(f) || path.startsWith(f + ".") || f.startsWith(path + ".")) {
                throw refusal(f);
            }
        }
    }

    private static CommandFailedException refusal(String field) {
        return new CommandFailedException(ErrorCode.IMMUTABLE_FIELD, "the update would change the shard key field '"
                + field + "'; jmongos does not move documents between shards on update yet");
    }
}
