package io.jmongos.engine.query;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

import org.bson.BsonBinary;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;

/**
 * MongoDB's total order over BSON values ({@code BSONElement::woCompare} / {@code compareElementValues}).
 * Values of different canonical types order by {@link #canonicalTypeRank}; numbers of every width compare by
 * numeric value. The storage key encoding must agree with this order.
 *
 * <table>
 *   <caption>Canonical type ranks (MongoDB {@code canonicalizeBSONType}, src/mongo/bson/bsontypes.h)</caption>
 *   <tr><th>rank</th><th>BSON types</th><th>order within the rank</th></tr>
 *   <tr><td>-1</td><td>MinKey</td><td>all equal</td></tr>
 *   <tr><td>0</td><td>Undefined (and "missing"/EOO)</td><td>all equal</td></tr>
 *   <tr><td>5</td><td>Null</td><td>all equal</td></tr>
 *   <tr><td>10</td><td>Int32, Int64, Double, Decimal128</td>
 *       <td>numeric value; NaN lowest, NaN == NaN, -0 == 0</td></tr>
 *   <tr><td>15</td><td>String, Symbol</td><td>UTF-8 bytes, unsigned, shorter prefix first (no collation)</td></tr>
 *   <tr><td>20</td><td>Document</td>
 *       <td>per field: type rank, then field name (UTF-8), then value; shorter first</td></tr>
 *   <tr><td>25</td><td>Array</td><td>element by element (as rank 20 with names "0","1",...); shorter first</td></tr>
 *   <tr><td>30</td><td>Binary</td><td>data length, then subtype byte, then data bytes unsigned</td></tr>
 *   <tr><td>35</td><td>ObjectId</td><td>12 bytes unsigned</td></tr>
 *   <tr><td>40</td><td>Boolean</td><td>false &lt; true</td></tr>
 *   <tr><td>45</td><td>DateTime</td><td>signed 64-bit milliseconds</td></tr>
 *   <tr><td>47</td><td>Timestamp</td><td>unsigned 64-bit (seconds, then increment)</td></tr>
 *   <tr><td>50</td><td>RegularExpression</td><td>pattern, then options (UTF-8 bytes)</td></tr>
 *   <tr><td>55</td><td>DBPointer</td><td>namespace length, namespace, ObjectId</td></tr>
 *   <tr><td>60</td><td>JavaScript</td><td>code string</td></tr>
 *   <tr><td>65</td><td>JavaScriptWithScope</td><td>code string, then scope document</td></tr>
 *   <tr><td>127</td><td>MaxKey</td><td>all equal</td></tr>
 * </table>
 *
 * <p>Sorting treats a missing field as Null (see {@link SortSpec}); the query matcher decides separately
 * when {@code null} matches missing fields.
 */
public final class BsonValueComparator {
    /** Canonical rank of MinKey. */
    public static final int RANK_MIN_KEY = -1;
    /** Canonical rank of Undefined (and of a missing value, EOO). */
    public static final int RANK_UNDEFINED = 0;
    /** Canonical rank of Null. */
    public static final int RANK_NULL = 5;
    /** Canonical rank shared by all numeric types. */
    public static final int RANK_NUMBER = 10;
    /** Canonical rank shared by String and Symbol. */
    public static final int RANK_STRING = 15;
    /** Canonical rank of embedded documents. */
    public static final int RANK_OBJECT = 20;
    /** Canonical rank of arrays. */
    public static final int RANK_ARRAY = 25;
    /** Canonical rank of binary data. */
    public static final int RANK_BINARY = 30;
    /** Canonical rank of ObjectId. */
    public static final int RANK_OBJECT_ID = 35;
    /** Canonical rank of Boolean. */
    public static final int RANK_BOOLEAN = 40;
    /** Canonical rank of DateTime. */
    public static final int RANK_DATE = 45;
    /** Canonical rank of Timestamp. */
    public static final int RANK_TIMESTAMP = 47;
    /** Canonical rank of RegularExpression. */
    public static final int RANK_REGEX = 50;
    /** Canonical rank of DBPointer. */
    public static final int RANK_DB_POINTER = 55;
    /** Canonical rank of JavaScript code. */
    public static final int RANK_JAVASCRIPT = 60;
    /** Canonical rank of JavaScript code with scope. */
    public static final int RANK_JAVASCRIPT_WITH_SCOPE = 65;
    /** Canonical rank of MaxKey. */
    public static final int RANK_MAX_KEY = 127;

    /** The order as a {@link Comparator}; {@code null} (Java) counts as a missing value. */
    public static final Comparator<BsonValue> INSTANCE = BsonValueComparator::compare;

    private BsonValueComparator() {
    }

    /** The canonical type rank of a value (table above); a Java {@code null} is "missing", rank 0. */
    public static int canonicalTypeRank(BsonValue v) {
        if (v == null) {
            return RANK_UNDEFINED;
        }
        switch (v.getBsonType()) {
            case MIN_KEY: return RANK_MIN_KEY;
            case UNDEFINED: case END_OF_DOCUMENT: return RANK_UNDEFINED;
            case NULL: return RANK_NULL;
            case INT32: case INT64: case DOUBLE: case DECIMAL128: return RANK_NUMBER;
            case STRING: case SYMBOL: return RANK_STRING;
            case DOCUMENT: return RANK_OBJECT;
            case ARRAY: return RANK_ARRAY;
            case BINARY: return RANK_BINARY;
            case OBJECT_ID: return RANK_OBJECT_ID;
            case BOOLEAN: return RANK_BOOLEAN;
            case DATE_TIME: return RANK_DATE;
            case TIMESTAMP: return RANK_TIMESTAMP;
            case REGULAR_EXPRESSION: return RANK_REGEX;
            case DB_POINTER: return RANK_DB_POINTER;
            case JAVASCRIPT: return RANK_JAVASCRIPT;
            case JAVASCRIPT_WITH_SCOPE: return RANK_JAVASCRIPT_WITH_SCOPE;
            case MAX_KEY: return RANK_MAX_KEY;
            default: throw new IllegalArgumentException("unknown BSON type " + v.getBsonType());
        }
    }

    /** Negative, zero or positive as {@code a} orders before, equal to or after {@code b}. */
    public static int compare(BsonValue a, BsonValue b) {
        int ra = canonicalTypeRank(a);
        int rb = canonicalTypeRank(b);
        if (ra != rb) {
            return ra < rb ? -1 : 1;
        }
        switch (ra) {
            case RANK_NUMBER: return NumberComparison.compare(a, b);
            case RANK_STRING: return compareUtf8(stringOf(a), stringOf(b));
            case RANK_OBJECT: return compareDocuments(a.asDocument(), b.asDocument());
            case RANK_ARRAY: return compareArrays(a.asArray(), b.asArray());
            case RANK_BINARY: return compareBinary(a.asBinary(), b.asBinary());
            case RANK_OBJECT_ID: return a.asObjectId().getValue().compareTo(b.asObjectId().getValue());
            case RANK_BOOLEAN: return Boolean.compare(a.asBoolean().getValue(), b.asBoolean().getValue());
            case RANK_DATE: return Long.compare(a.asDateTime().getValue(), b.asDateTime().getValue());
            case RANK_TIMESTAMP:
                return Long.compareUnsigned(a.asTimestamp().getValue(), b.asTimestamp().getValue());
            case RANK_REGEX: return compareRegex(a.asRegularExpression(), b.asRegularExpression());
            case RANK_DB_POINTER: return compareDbPointer(a.asDBPointer(), b.asDBPointer());
            case RANK_JAVASCRIPT: return compareUtf8(a.asJavaScript().getCode(), b.asJavaScript().getCode());
            case RANK_JAVASCRIPT_WITH_SCOPE: {
                int c = compareUtf8(a.asJavaScriptWithScope().getCode(), b.asJavaScriptWithScope().getCode());
                return c != 0 ? c : compareDocuments(a.asJavaScriptWithScope().getScope(),
                        b.asJavaScriptWithScope().getScope());
            }
            default: return 0; // MinKey, MaxKey, Undefined/missing, Null: one value each
        }
    }

    /** True when both values are in the same canonical rank and compare equal (MongoDB's equality). */
    public static boolean equal(BsonValue a, BsonValue b) {
        return compare(a, b) == 0;
    }

    static String stringOf(BsonValue v) {
        return v.isString() ? v.asString().getValue() : v.asSymbol().getSymbol();
    }

    /**
     * Compares strings by their UTF-8 encodings, unsigned bytewise. Comparing code points gives exactly that
     * order (UTF-16 code units would not: surrogates sort below U+E000..U+FFFF there).
     */
    public static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return ca < cb ? -1 : 1;
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        boolean aDone = i >= a.length();
        boolean bDone = j >= b.length();
        return aDone == bDone ? 0 : aDone ? -1 : 1;
    }

    /** Field by field: canonical type of the value, then the field name, then the value; shorter first. */
    public static int compareDocuments(BsonDocument a, BsonDocument b) {
        Iterator<Map.Entry<String, BsonValue>> ia = a.entrySet().iterator();
        Iterator<Map.Entry<String, BsonValue>> ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<String, BsonValue> ea = ia.next();
            Map.Entry<String, BsonValue> eb = ib.next();
            int c = Integer.compare(canonicalTypeRank(ea.getValue()), canonicalTypeRank(eb.getValue()));
            if (c != 0) {
                return c;
            }
            c = compareUtf8(ea.getKey(), eb.getKey());
            if (c != 0) {
                return c;
            }
            c = compare(ea.getValue(), eb.getValue());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    private static int compareArrays(java.util.List<BsonValue> a, java.util.List<BsonValue> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareBinary(BsonBinary a, BsonBinary b) {
        byte[] da = a.getData();
        byte[] db = b.getData();
        if (da.length != db.length) {
            return da.length < db.length ? -1 : 1;
        }
        int c = Integer.compare(a.getType() & 0xff, b.getType() & 0xff);
        return c != 0 ? c : java.util.Arrays.compareUnsigned(da, db);
    }

    private static int compareRegex(BsonRegularExpression a, BsonRegularExpression b) {
        int c = compareUtf8(a.getPattern(), b.getPattern());
        return c != 0 ? c : compareUtf8(a.getOptions(), b.getOptions());
    }

    private static int compareDbPointer(BsonDbPointer a, BsonDbPointer b) {
        int la = a.getNamespace().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int lb = b.getNamespace().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (la != lb) {
            return la < lb ? -1 : 1;
        }
        int c = compareUtf8(a.getNamespace(), b.getNamespace());
        return c != 0 ? c : a.getId().compareTo(b.getId());
    }
}
