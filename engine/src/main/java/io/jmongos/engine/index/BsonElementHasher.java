package io.jmongos.engine.index;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * MongoDB's hash of one BSON value for hashed indexes and hashed shard keys ({@code BSONElementHasher::hash64},
 * src/mongo/db/hasher.cpp): MD5 over the 4-byte little-endian seed, then, recursively, each element's canonical type
 * (4 bytes, little-endian), its field name with the terminating NUL (not for the top-level value), and its value:
 * numbers of every width as one 8-byte little-endian long (truncated toward zero, NaN as 0, saturated at the
 * long's bounds), documents and arrays as their elements followed by the end-of-object element (type 0, no name,
 * no value), everything else as the value's BSON bytes. The hash is the digest's first 8 bytes, little-endian.
 * Checked against the vectors of MongoDB's hasher_test.cpp in {@code BsonElementHasherTest}.
 */
public final class BsonElementHasher {
    /** MongoDB's {@code BSONElementHasher::DEFAULT_HASH_SEED}: 0, the seed of every hashed shard key. */
    public static final int DEFAULT_HASH_SEED = 0;
    /** Canonical type of the end-of-object element and of Undefined (MongoDB's canonicalizeBSONType). */
    private static final int CANONICAL_EOO = 0;
    /** MongoDB's canonicalizeBSONType: the type rank numbers hash over. */
    private static final Map<BsonType, Integer> CANONICAL = Map.ofEntries(
            Map.entry(BsonType.MIN_KEY, -1), Map.entry(BsonType.UNDEFINED, 0), Map.entry(BsonType.NULL, 5),
            Map.entry(BsonType.DOUBLE, 10), Map.entry(BsonType.INT32, 10), Map.entry(BsonType.INT64, 10),
            Map.entry(BsonType.DECIMAL128, 10), Map.entry(BsonType.STRING, 15), Map.entry(BsonType.SYMBOL, 15),
            Map.entry(BsonType.DOCUMENT, 20), Map.entry(BsonType.ARRAY, 25), Map.entry(BsonType.BINARY, 30),
            Map.entry(BsonType.OBJECT_ID, 35), Map.entry(BsonType.BOOLEAN, 40), Map.entry(BsonType.DATE_TIME, 45),
            Map.entry(BsonType.TIMESTAMP, 47), Map.entry(BsonType.REGULAR_EXPRESSION, 50),
            Map.entry(BsonType.DB_POINTER, 55), Map.entry(BsonType.JAVASCRIPT, 60),
            Map.entry(BsonType.JAVASCRIPT_WITH_SCOPE, 65), Map.entry(BsonType.MAX_KEY, 127));
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    private BsonElementHasher() {
    }

    /** The hash of {@code value} with the default seed, as a hashed shard key stores it. */
    public static long hash64(BsonValue value) {
        return hash64(value, DEFAULT_HASH_SEED);
    }

    /** The hash of {@code value} with {@code seed}. */
    public static long hash64(BsonValue value, int seed) {
        Bytes in = new Bytes();
        in.int32(seed);
        element(in, null, value);
        byte[] d = md5().digest(in.toByteArray());
        long out = 0;
        for (int i = 7; i >= 0; i--) {
            out = (out << 8) | (d[i] & 0xFF);
        }
        return out;
    }

    private static void element(Bytes in, String name, BsonValue v) {
        in.int32(CANONICAL.get(v.getBsonType()));
        if (name != null) {
            in.cstring(name);
        }
        switch (v.getBsonType()) {
            case DOCUMENT -> embedded(in, v.asDocument());
            case ARRAY -> {
                BsonDocument asDoc = new BsonDocument();
                for (int i = 0; i < v.asArray().size(); i++) {
                    asDoc.put(Integer.toString(i), v.asArray().get(i));
                }
                embedded(in, asDoc);
            }
            case JAVASCRIPT_WITH_SCOPE -> {
                in.cstring(v.asJavaScriptWithScope().getCode());
                embedded(in, v.asJavaScriptWithScope().getScope());
            }
            case DOUBLE, INT32, INT64, DECIMAL128 -> in.int64(numberForHash(v));
            default -> BsonValueBytes.write(in, v);
        }
    }

    /** The elements of {@code d}, then the end-of-object element: canonical type 0, no name, no value. */
    private static void embedded(Bytes in, BsonDocument d) {
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            element(in, e.getKey(), e.getValue());
        }
        in.int32(CANONICAL_EOO);
    }

    /** MongoDB's {@code safeNumberLongForHash}: NaN is 0, out-of-range values saturate, fractions truncate. */
    static long numberForHash(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32 -> v.asInt32().getValue();
            case INT64 -> v.asInt64().getValue();
            case DOUBLE -> (long) v.asDouble().getValue(); // Java's cast: NaN -> 0, saturating, toward zero
            default -> decimalForHash(v.asDecimal128().getValue());
        };
    }

    /** Decimal128: NaN is 0, infinities and out-of-range values saturate, else rounded half-to-even (toLong()). */
    private static long decimalForHash(Decimal128 d) {
        if (d.isNaN()) {
            return 0;
        }
        if (d.isInfinite()) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        BigDecimal b = d.bigDecimalValue();
        if (b.compareTo(LONG_MAX) > 0) {
            return Long.MAX_VALUE;
        }
        if (b.compareTo(LONG_MIN) < 0) {
            return Long.MIN_VALUE;
        }
        return b.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** A little-endian byte sink. */
    static final class Bytes extends ByteArrayOutputStream {
        void int32(int v) {
            write(v);
            write(v >>> 8);
            write(v >>> 16);
            write(v >>> 24);
        }

        void int64(long v) {
            int32((int) v);
            int32((int) (v >>> 32));
        }

        void cstring(String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
            write(0);
        }

        /** A BSON string: int32 length (bytes + NUL), the UTF-8 bytes, NUL. */
        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int32(b.length + 1);
            writeBytes(b);
            write(0);
        }
    }
}
