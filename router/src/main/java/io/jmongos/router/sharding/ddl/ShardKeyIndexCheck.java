package io.jmongos.router.sharding.ddl;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.write.ShellFormat;
import io.jmongos.engine.index.BsonElementHasher;
import io.jmongos.router.sharding.ShardKeyPattern;

/**
 * MongoDB's checks of a collection's indexes against a proposed shard key ({@code validShardKeyIndexExists},
 * src/mongo/db/s/shard_key_util.cpp): every unique index must have the shard key as a prefix (or be on
 * {@code _id}); a useful index is one the key is a prefix of that is not sparse, partial or collated, and a hashed
 * one must use the default seed; with {@code unique: true} the index exactly on the key must be unique. Refusals are
 * 72 InvalidOptions with MongoDB's messages.
 */
final class ShardKeyIndexCheck {
    private ShardKeyIndexCheck() {
    }

    /**
     * Whether a usable index exists already.
     *
     * @param reasons filled with why indexes on the key cannot be used (MongoDB appends it to its refusal)
     */
    static boolean usableIndexExists(String ns, ShardKeyPattern key, boolean unique, List<BsonDocument> indexes,
                                     StringBuilder reasons) {
        for (BsonDocument idx : indexes) {
            BsonDocument indexKey = idx.getDocument("key");
            if (isTrue(idx.get("unique")) && !key.isUniquenessCompatible(indexKey)) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "can't shard collection '" + ns
                        + "' with unique index on " + ShellFormat.format(indexKey) + " and proposed shard key "
                        + key + ". Uniqueness can't be maintained unless shard key is a prefix");
            }
        }
        boolean useful = false;
        for (BsonDocument idx : indexes) {
            BsonDocument indexKey = idx.getDocument("key");
            boolean sparse = isTrue(idx.get("sparse"));
            boolean partial = idx.containsKey("partialFilterExpression");
            boolean collated = idx.containsKey("collation");
            if (!sparse && !partial && !collated && key.isPrefixOf(indexKey)) {
                BsonValue seed = idx.get("seed");
                if (key.isHashed() && seed != null && seed.isNumber()
                        && seed.asNumber().intValue() != BsonElementHasher.DEFAULT_HASH_SEED) {
                    throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "can't shard collection " + ns
                            + " with hashed shard key " + key + " because the hashed index uses a non-default seed "
                            + "of " + seed.asNumber().intValue());
                }
                useful = true;
            }
            String why = (sparse ? " Index key is sparse." : "") + (partial ? " Index key is partial." : "")
                    + (collated ? " Index has a non-simple collation." : "");
            if (!why.isEmpty()) {
                reasons.setLength(0);
                reasons.append(" Index ").append(idx.getString("name").getValue())
                        .append(" cannot be used for sharding because [").append(why).append(" ]");
            }
        }
        if (useful && unique) {
            BsonDocument exact = null;
            for (BsonDocument idx : indexes) {
                if (idx.getDocument("key").equals(key.toBson())) {
                    exact = idx;
                    break;
                }
            }
            if (exact == null) {
                return false;
            }
            boolean onId = exact.getDocument("key").getFirstKey().equals("_id");
            if (!isTrue(exact.get("unique")) && !onId) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "can't shard collection " + ns + ", "
                        + key + " index not unique, and unique index explicitly specified");
            }
        }
        return useful;
    }

    private static boolean isTrue(BsonValue v) {
        if (v == null) {
            return false;
        }
        return v.isBoolean() ? v.asBoolean().getValue() : v.isNumber() && v.asNumber().doubleValue() != 0;
    }
}
