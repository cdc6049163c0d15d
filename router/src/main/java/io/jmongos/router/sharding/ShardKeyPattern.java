package io.jmongos.router.sharding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.index.BsonElementHasher;
import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.engine.write.ShellFormat;

/**
 * A shard key pattern as MongoDB accepts it ({@code ShardKeyPattern}, src/mongo/s/shard_key_pattern.cpp): one or
 * more dotted field paths, each {@code 1} (ascending) or {@code "hashed"}, at most one hashed field (anywhere in the
 * key, since MongoDB 4.4); no empty path or part, no part starting with {@code $} but the DBRef parts
 * {@code $id}, {@code $db}, {@code $ref} after the first. Invalid patterns are 2 BadValue with MongoDB's messages
 * (including its missing space before "numerical fields").
 */
public final class ShardKeyPattern {
    /** The value of a hashed field in a key pattern (MongoDB's IndexNames::HASHED). */
    public static final String HASHED = "hashed";

    private final BsonDocument pattern;
    private final List<String> fields;
    private final String hashedField;

    private ShardKeyPattern(BsonDocument pattern, List<String> fields, String hashedField) {
        this.pattern = pattern;
        this.fields = fields;
        this.hashedField = hashedField;
    }

    /** Parse and check a key pattern; 2 BadValue when it is not a valid shard key. */
    public static ShardKeyPattern parse(BsonDocument pattern) {
        if (pattern.isEmpty()) {
            throw bad("Shard key is empty");
        }
        List<String> fields = new ArrayList<>();
        String hashed = null;
        for (Map.Entry<String, BsonValue> e : pattern.entrySet()) {
            String path = e.getKey();
            checkPath(path);
            BsonValue v = e.getValue();
            if (isHashed(v)) {
                if (hashed != null) {
                    throw bad("Shard key " + ShellFormat.format(pattern)
                            + " can contain at most one 'hashed' field. Failed to parse field " + path);
                }
                hashed = path;
            } else if (!v.isNumber() || safeInt(v) != 1) {
                throw bad("Shard key " + ShellFormat.format(pattern)
                        + "numerical fields must be set to a value of 1 (ascending). Failed to parse field " + path);
            }
            fields.add(path);
        }
        return new ShardKeyPattern(pattern.clone(), Collections.unmodifiableList(fields), hashed);
    }

    private static void checkPath(String path) {
        if (path.isEmpty()) {
            throw bad("Field " + path + " is empty");
        }
        String[] parts = path.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw bad("Field " + path + " contains empty parts");
            }
            if (part.startsWith("$") && (i == 0 || !(part.equals("$db") || part.equals("$id")
                    || part.equals("$ref")))) {
                throw bad("Field " + path + " contains parts that start with '$'");
            }
        }
    }

    /** MongoDB's safeNumberInt: the value truncated and saturated (NaN is 0). */
    private static long safeInt(BsonValue v) {
        double d = v.asNumber().doubleValue();
        return v.isDouble() ? (long) d : v.asNumber().longValue();
    }

    static boolean isHashed(BsonValue v) {
        return v.isString() && v.asString().getValue().equals(HASHED);
    }

    private static CommandFailedException bad(String message) {
        return new CommandFailedException(ErrorCode.BAD_VALUE, message);
    }

    /** The pattern as given, e.g. {@code {a: 1, b: "hashed"}}. */
    public BsonDocument toBson() {
        return pattern.clone();
    }

    /** The field paths, in order. */
    public List<String> fields() {
        return fields;
    }

    public boolean isHashed() {
        return hashedField != null;
    }

    /** The hashed field's path, or null. */
    public String hashedField() {
        return hashedField;
    }

    /** The first field is the hashed one ({@code {a: "hashed"}}, {@code {a: "hashed", b: 1}}). */
    public boolean hasHashedPrefix() {
        return hashedField != null && hashedField.equals(fields.get(0));
    }

    /** Every field at MinKey: the lower bound of the first chunk. */
    public BsonDocument globalMin() {
        BsonDocument d = new BsonDocument();
        fields.forEach(f -> d.put(f, new BsonMinKey()));
        return d;
    }

    /** Every field at MaxKey: the upper bound of the last chunk. */
    public BsonDocument globalMax() {
        BsonDocument d = new BsonDocument();
        fields.forEach(f -> d.put(f, new BsonMaxKey()));
        return d;
    }

    /**
     * The shard key of a document ({@code extractShardKeyFromDoc}): each field's value (a missing field is null, as
     * MongoDB takes it), the hashed field replaced by its hash as a long.
     *
     * @throws CommandFailedException 61 ShardKeyNotFound when a key field is or lies under an array
     */
    public BsonDocument extractFromDocument(BsonDocument doc) {
        BsonDocument key = new BsonDocument();
        for (String f : fields) {
            BsonValue v = valueOrArray(doc, f);
            if (v == null) {
                v = BsonNull.VALUE;
            }
            if (v.isArray()) {
                throw new CommandFailedException(ShardingErrors.SHARD_KEY_NOT_FOUND,
                        ShardingErrors.SHARD_KEY_NOT_FOUND_NAME,
                        "Shard key cannot contain array values or array descendants.");
            }
            key.put(f, f.equals(hashedField) ? new BsonInt64(BsonElementHasher.hash64(v)) : v);
        }
        return key;
    }

    /** The value at a dotted path, stopping at the first array met (MongoDB's getFieldDottedOrArray); null if none. */
    public static BsonValue valueOrArray(BsonDocument doc, String path) {
        BsonValue cur = doc;
        for (String part : path.split("\\.")) {
            if (cur.isArray()) {
                return cur;
            }
            if (!cur.isDocument()) {
                return null;
            }
            cur = cur.asDocument().get(part);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /**
     * Whether a unique index on {@code indexKey} can stay unique across shards with this key
     * ({@code isIndexUniquenessCompatible}): an index on {@code _id} first, or one whose fields start with the
     * shard key's fields (names only).
     */
    public boolean isUniquenessCompatible(BsonDocument indexKey) {
        if (!indexKey.isEmpty() && indexKey.getFirstKey().equals("_id")) {
            return true;
        }
        List<String> names = new ArrayList<>(indexKey.keySet());
        return names.size() >= fields.size() && names.subList(0, fields.size()).equals(fields);
    }

    /** Whether the pattern is a prefix of {@code indexKey}, names and values ({@code 1} equals {@code 1.0}). */
    public boolean isPrefixOf(BsonDocument indexKey) {
        List<Map.Entry<String, BsonValue>> idx = new ArrayList<>(indexKey.entrySet());
        if (idx.size() < fields.size()) {
            return false;
        }
        int i = 0;
        for (Map.Entry<String, BsonValue> e : pattern.entrySet()) {
            Map.Entry<String, BsonValue> other = idx.get(i++);
            if (!other.getKey().equals(e.getKey()) || !BsonValueComparator.equal(other.getValue(), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The name MongoDB gives the index it creates for the key: {@code a_1_b_hashed}. */
    public String indexName() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, BsonValue> e : pattern.entrySet()) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(e.getKey()).append('_');
            sb.append(e.getValue().isNumber() ? Long.toString(safeInt(e.getValue())) : e.getValue().asString()
                    .getValue());
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardKeyPattern p && p.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return ShellFormat.format(pattern);
    }
}
