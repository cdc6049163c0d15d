package io.jmongos.engine.index;

import java.util.Map;
import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.query.QueryCompiler;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Validates a createIndexes spec ({key, name, unique, sparse, partialFilterExpression, expireAfterSeconds,
 * ...}) as MongoDB does, refusing index types the engine does not have (text, 2dsphere, wildcard). A hashed field
 * ({@code {a: "hashed"}}, at most one per index, not unique) indexes {@link BsonElementHasher#hash64} of the value.
 */
public final class IndexSpecParser {
    /** Largest expireAfterSeconds MongoDB accepts (int32 max). */
    public static final long MAX_EXPIRE_AFTER_SECONDS = Integer.MAX_VALUE;
    /** MongoDB's limit on the number of fields in a compound index (Ordering::kMaxCompoundIndexKeys). */
    public static final int MAX_KEY_FIELDS = 32;
    /** MongoDB's code for an unknown field in an index spec (ErrorCodes::InvalidIndexSpecificationOption). */
    public static final int INVALID_INDEX_SPECIFICATION_OPTION = 197;
    /** Spec fields accepted and ignored (build options, defaults). */
    private static final Set<String> IGNORED = Set.of("v", "background", "ns", "hidden", "collation");
    private static final Set<String> KNOWN = Set.of("key", "name", "unique", "sparse", "partialFilterExpression",
            "expireAfterSeconds");

    private IndexSpecParser() {
    }

    /** The validated spec as an index (id 0: the builder assigns the storage id). */
    public static IndexMeta parse(BsonDocument spec) {
        BsonValue keyValue = spec.get("key");
        if (keyValue == null || !keyValue.isDocument() || keyValue.asDocument().isEmpty()) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX, "Index keys cannot be empty.");
        }
        BsonDocument key = keyValue.asDocument();
        if (key.size() > MAX_KEY_FIELDS) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX, "Index key pattern has more than "
                    + MAX_KEY_FIELDS + " fields");
        }
        int hashed = 0;
        for (Map.Entry<String, BsonValue> e : key.entrySet()) {
            checkKeyField(e.getKey(), e.getValue());
            hashed += IndexMeta.isHashed(e.getValue()) ? 1 : 0;
        }
        if (hashed > 1) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX, "A maximum of one index field is allowed "
                    + "to be hashed but found " + hashed + " for 'key' " + key.toJson());
        }
        if (hashed == 1 && flag(spec, "unique")) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX, "Currently hashed indexes cannot "
                    + "guarantee uniqueness. Use a regular index.");
        }
        for (String field : spec.keySet()) {
            if (!KNOWN.contains(field) && !IGNORED.contains(field)) {
                throw new CommandFailedException(INVALID_INDEX_SPECIFICATION_OPTION, "InvalidIndexSpecificationOption",
                        "The field '" + field + "' is not valid for an index specification. Specification: "
                                + spec.toJson());
            }
        }
        BsonValue collation = spec.get("collation");
        if (collation != null && !(collation.isDocument() && collation.asDocument().isEmpty())) {
            throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED,
                    "index collations are not supported by the jmongos embedded engine");
        }
        String name = spec.isString("name") ? spec.getString("name").getValue() : defaultName(key);
        if (name.isEmpty()) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX, "index name cannot be empty");
        }
        boolean unique = flag(spec, "unique");
        boolean sparse = flag(spec, "sparse");
        BsonDocument partial = null;
        if (spec.containsKey("partialFilterExpression")) {
            if (!spec.isDocument("partialFilterExpression")) {
                throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "partialFilterExpression must be an object");
            }
            partial = spec.getDocument("partialFilterExpression");
            QueryCompiler.compile(partial);
            if (sparse) {
                throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX,
                        "cannot mix \"partialFilterExpression\" and \"sparse\" options");
            }
        }
        Long expire = expireAfterSeconds(spec, key);
        return new IndexMeta(name, key, 0, unique, sparse, partial, expire, false);
    }

    private static void checkKeyField(String field, BsonValue v) {
        if (field.isEmpty() || field.startsWith("$") && !field.equals("$**") || field.contains("..")) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX, "Index key contains an illegal field name: "
                    + field);
        }
        if (IndexMeta.isHashed(v) && !field.endsWith("$**")) {
            return;
        }
        if (v.isString() || field.endsWith("$**")) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX, "Index type '" + (v.isString()
                    ? v.asString().getValue() : "wildcard") + "' is not supported by the jmongos embedded engine");
        }
        if (!v.isNumber() && !v.isDecimal128() || numeric(v) == 0 || Double.isNaN(numeric(v))) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX, "Values in the index key pattern can only "
                    + "be numbers or strings, and numbers must be non-zero; got " + field + ": " + v);
        }
    }

    private static double numeric(BsonValue v) {
        return v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
    }

    private static boolean flag(BsonDocument spec, String field) {
        BsonValue v = spec.get(field);
        if (v == null) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        if (v.isNumber()) {
            return v.asNumber().doubleValue() != 0;
        }
        throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "The field '" + field
                + "' must be a boolean in an index specification");
    }

    private static Long expireAfterSeconds(BsonDocument spec, BsonDocument key) {
        BsonValue v = spec.get("expireAfterSeconds");
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX, "TTL index 'expireAfterSeconds' option "
                    + "must be numeric, but received a type of '" + v.getBsonType() + "'");
        }
        double d = v.asNumber().doubleValue();
        if (d < 0 || d > MAX_EXPIRE_AFTER_SECONDS || Double.isNaN(d)) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX, "TTL index 'expireAfterSeconds' option "
                    + "must be within an acceptable range, try a lower number");
        }
        if (key.size() != 1) {
            throw new CommandFailedException(ErrorCode.CANNOT_CREATE_INDEX,
                    "TTL indexes are single-field indexes, compound indexes do not support TTL");
        }
        return (long) d;
    }

    /** MongoDB's default index name: fields and directions joined by '_' (a_1_b_-1). */
    public static String defaultName(BsonDocument key) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, BsonValue> e : key.entrySet()) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            BsonValue v = e.getValue();
            String dir = v.isInt32() || v.isInt64() ? String.valueOf(v.asNumber().longValue())
                    : v.isDouble() && v.asDouble().getValue() == Math.rint(v.asDouble().getValue())
                    ? String.valueOf((long) v.asDouble().getValue()) : String.valueOf(v);
            sb.append(e.getKey()).append('_').append(dir);
        }
        return sb.toString();
    }

    /** True when two specs describe the same index (key pattern and options). */
    public static boolean sameIndex(IndexMeta a, IndexMeta b) {
        return a.keyPattern().equals(b.keyPattern()) && a.unique() == b.unique() && a.sparse() == b.sparse()
                && java.util.Objects.equals(a.partialFilter(), b.partialFilter())
                && java.util.Objects.equals(a.expireAfterSeconds(), b.expireAfterSeconds());
    }
}
