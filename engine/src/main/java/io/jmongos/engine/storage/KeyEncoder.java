package io.jmongos.engine.storage;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.bson.BsonBinary;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Order-preserving, prefix-free byte encoding of BSON values: for any values a and b, the unsigned
 * lexicographic order of {@code encode(a)} and {@code encode(b)} equals MongoDB's BSON order
 * ({@link io.jmongos.engine.query.BsonValueComparator}), and equal values (1, 1L, 1.0, Decimal128 1.00)
 * encode to identical bytes. No encoding is a proper prefix of another, so encodings can be concatenated
 * (compound index keys, key + record id) and still sort component by component, and a descending
 * component is the bitwise complement of its encoding.
 *
 * <p>Layout: one type tag per canonical type (in canonical order), then a body:
 * numbers a class byte (NaN, -inf, negative, zero, positive, +inf) and for finite non-zero values a
 * normalized decimal {@code 0.d1d2... x 10^E} as 2-byte biased E plus one byte per digit and a 0 terminator
 * (the whole body complemented for negatives); strings UTF-8 with 0x00 escaped as 00 FF and terminated
 * by 00 00; documents as (value tag, escaped field name, value body)* then 00; arrays as (tag, body)* then 00.
 */
public final class KeyEncoder {
    /** Type tags, in MongoDB canonical type order (src/mongo/bson/bsontypes.h canonicalizeBSONType). */
    public static final int TAG_MIN_KEY = 0x10;
    public static final int TAG_UNDEFINED = 0x14;
    public static final int TAG_NULL = 0x18;
    public static final int TAG_NUMBER = 0x20;
    public static final int TAG_STRING = 0x28;
    public static final int TAG_OBJECT = 0x30;
    public static final int TAG_ARRAY = 0x38;
    public static final int TAG_BINARY = 0x40;
    public static final int TAG_OBJECT_ID = 0x48;
    public static final int TAG_BOOLEAN = 0x50;
    public static final int TAG_DATE = 0x58;
    public static final int TAG_TIMESTAMP = 0x5C;
    public static final int TAG_REGEX = 0x60;
    public static final int TAG_DB_POINTER = 0x68;
    public static final int TAG_JAVASCRIPT = 0x70;
    public static final int TAG_JAVASCRIPT_WITH_SCOPE = 0x78;
    public static final int TAG_MAX_KEY = 0xF0;

    /** Number classes, in numeric order (NaN sorts below every number in MongoDB). */
    private static final int NUM_NAN = 0x01;
    private static final int NUM_NEG_INF = 0x02;
    private static final int NUM_NEG = 0x03;
    private static final int NUM_ZERO = 0x04;
    private static final int NUM_POS = 0x05;
    private static final int NUM_POS_INF = 0x06;
    /** Bias of the 2-byte decimal exponent; Decimal128 exponents (|E| below 6200) fit easily. */
    private static final int EXPONENT_BIAS = 0x8000;
    /** End of a document or array: below every type tag. */
    private static final int END = 0x00;

    private KeyEncoder() {
    }

    /** The encoding of one value (tag and body). */
    public static byte[] encode(BsonValue value) {
        ByteSink out = new ByteSink();
        encode(value, out);
        return out.toByteArray();
    }

    /** Appends the encoding of one value. */
    public static void encode(BsonValue value, ByteSink out) {
        out.put(tag(value));
        body(value, out);
    }

    /** The type tag a value's encoding starts with; all values of one canonical type share it. */
    public static int tag(BsonValue v) {
        switch (v.getBsonType()) {
            case MIN_KEY: return TAG_MIN_KEY;
            case UNDEFINED: case END_OF_DOCUMENT: return TAG_UNDEFINED;
            case NULL: return TAG_NULL;
            case INT32: case INT64: case DOUBLE: case DECIMAL128: return TAG_NUMBER;
            case STRING: case SYMBOL: return TAG_STRING;
            case DOCUMENT: return TAG_OBJECT;
            case ARRAY: return TAG_ARRAY;
            case BINARY: return TAG_BINARY;
            case OBJECT_ID: return TAG_OBJECT_ID;
            case BOOLEAN: return TAG_BOOLEAN;
            case DATE_TIME: return TAG_DATE;
            case TIMESTAMP: return TAG_TIMESTAMP;
            case REGULAR_EXPRESSION: return TAG_REGEX;
            case DB_POINTER: return TAG_DB_POINTER;
            case JAVASCRIPT: return TAG_JAVASCRIPT;
            case JAVASCRIPT_WITH_SCOPE: return TAG_JAVASCRIPT_WITH_SCOPE;
            case MAX_KEY: return TAG_MAX_KEY;
            default: throw new IllegalArgumentException("cannot encode BSON type " + v.getBsonType());
        }
    }

    private static void body(BsonValue v, ByteSink out) {
        switch (v.getBsonType()) {
            case INT32: integer(v.asInt32().getValue(), out); break;
            case INT64: integer(v.asInt64().getValue(), out); break;
            case DOUBLE: doubleValue(v.asDouble().getValue(), out); break;
            case DECIMAL128: decimal(v.asDecimal128().getValue(), out); break;
            case STRING: string(v.asString().getValue(), out); break;
            case SYMBOL: string(v.asSymbol().getSymbol(), out); break;
            case DOCUMENT: document(v.asDocument(), out); break;
            case ARRAY:
                for (BsonValue el : v.asArray()) {
                    encode(el, out);
                }
                out.put(END);
                break;
            case BINARY: binary(v.asBinary(), out); break;
            case OBJECT_ID: out.put(v.asObjectId().getValue().toByteArray()); break;
            case BOOLEAN: out.put(v.asBoolean().getValue() ? 1 : 0); break;
            case DATE_TIME: out.putLong(v.asDateTime().getValue() ^ Long.MIN_VALUE); break;
            case TIMESTAMP: out.putLong(v.asTimestamp().getValue()); break;
            case REGULAR_EXPRESSION: {
                BsonRegularExpression r = v.asRegularExpression();
                string(r.getPattern(), out);
                string(r.getOptions(), out);
                break;
            }
            case DB_POINTER: {
                BsonDbPointer p = v.asDBPointer();
                byte[] ns = p.getNamespace().getBytes(StandardCharsets.UTF_8);
                out.putInt(ns.length).put(ns).put(p.getId().toByteArray());
                break;
            }
            case JAVASCRIPT: string(v.asJavaScript().getCode(), out); break;
            case JAVASCRIPT_WITH_SCOPE: {
                BsonJavaScriptWithScope js = v.asJavaScriptWithScope();
                string(js.getCode(), out);
                document(js.getScope(), out);
                break;
            }
            default: break; // MinKey, MaxKey, Undefined, Null: the tag says it all
        }
    }

    private static void document(BsonDocument doc, ByteSink out) {
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            out.put(tag(e.getValue()));
            string(e.getKey(), out);
            body(e.getValue(), out);
        }
        out.put(END);
    }

    private static void binary(BsonBinary b, ByteSink out) {
        byte[] data = b.getData();
        out.putInt(data.length).put(b.getType()).put(data);
    }

    /** UTF-8 bytes, 0x00 escaped as 00 FF, terminated by 00 00: prefix-free and order-preserving. */
    static void string(String s, ByteSink out) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            out.put(b);
            if (b == 0) {
                out.put(0xFF);
            }
        }
        out.put(0).put(0);
    }

    private static void integer(long v, ByteSink out) {
        if (v == 0) {
            out.put(NUM_ZERO);
            return;
        }
        String digits = v < 0 ? Long.toString(v).substring(1) : Long.toString(v);
        finite(v < 0, digits, digits.length(), out);
    }

    private static void doubleValue(double d, ByteSink out) {
        if (Double.isNaN(d)) {
            out.put(NUM_NAN);
        } else if (Double.isInfinite(d)) {
            out.put(d > 0 ? NUM_POS_INF : NUM_NEG_INF);
        } else if (d == 0) {
            out.put(NUM_ZERO);
        } else if (d == Math.rint(d) && Math.abs(d) < 9.0E18) {
            integer((long) d, out);
        } else {
            big(new BigDecimal(d), out);
        }
    }

    private static void decimal(Decimal128 d, ByteSink out) {
        if (d.isNaN()) {
            out.put(NUM_NAN);
        } else if (d.isInfinite()) {
            out.put(d.isNegative() ? NUM_NEG_INF : NUM_POS_INF);
        } else {
            BigDecimal bd;
            try {
                bd = d.bigDecimalValue();
            } catch (ArithmeticException negativeZero) {
                out.put(NUM_ZERO);
                return;
            }
            big(bd, out);
        }
    }

    private static void big(BigDecimal value, ByteSink out) {
        if (value.signum() == 0) {
            out.put(NUM_ZERO);
            return;
        }
        BigDecimal norm = value.stripTrailingZeros();
        String digits = norm.unscaledValue().abs().toString();
        // value = 0.digits x 10^E with E = number of digits - scale
        finite(norm.signum() < 0, digits, digits.length() - norm.scale(), out);
    }

    /** A finite non-zero number {@code (negative ? -1 : 1) x 0.digits x 10^exponent}, digits[0] != '0'. */
    private static void finite(boolean negative, String digits, int exponent, ByteSink out) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        out.put(negative ? NUM_NEG : NUM_POS);
        int start = out.length();
        out.putShort(exponent + EXPONENT_BIAS);
        for (int i = 0; i < end; i++) {
            out.put(digits.charAt(i) - '0' + 1);
        }
        out.put(0);
        if (negative) {
            out.complementFrom(start);
        }
    }
}
