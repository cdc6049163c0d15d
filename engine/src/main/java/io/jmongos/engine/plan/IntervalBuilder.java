package io.jmongos.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.jmongos.engine.storage.ByteSink;
import io.jmongos.engine.storage.KeyEncoder;
import io.jmongos.engine.storage.Keys;
import org.bson.BsonValue;

/**
 * Turns per-field bounds into byte ranges over an index's compound keys: equality points on a prefix of
 * the key fields (their product), then optionally one range on the next field. Descending fields use the
 * complemented encoding, which reverses the order of prefix-free encodings.
 */
final class IntervalBuilder {
    /** Most point combinations a plan enumerates ($in products); beyond that the prefix stops growing. */
    static final int MAX_POINT_COMBINATIONS = 4096;

    private IntervalBuilder() {
    }

    /** The result: ranges (sorted, absolute keys) and how many leading fields were bounded. */
    record Built(List<KeyRange> ranges, int pointFields, boolean rangeField, int combinations) {
    }

    /**
     * @param prefix     the index (or record) key prefix
     * @param fields     bounds per key field in key order (null entries: unbounded)
     * @param directions 1/-1 per key field
     * @param multikey   true when range bounds from two predicates may not be intersected
     */
    static Built build(byte[] prefix, List<FieldBounds> fields, int[] directions, boolean multikey) {
        List<byte[]> prefixes = new ArrayList<>();
        prefixes.add(new byte[0]);
        int pointFields = 0;
        for (int i = 0; i < fields.size(); i++) {
            FieldBounds b = fields.get(i);
            if (b == null) {
                break;
            }
            if (b.hasPoints() && prefixes.size() * b.points.size() <= MAX_POINT_COMBINATIONS) {
                prefixes = extend(prefixes, b.points, directions[i]);
                pointFields++;
                continue;
            }
            if (b.hasRange() && b.rangeConsistent()) {
                List<KeyRange> ranges = new ArrayList<>();
                for (byte[] p : prefixes) {
                    byte[][] lr = range(b, directions[i], multikey);
                    ranges.add(new KeyRange(concat(prefix, p, lr[0]), concat(prefix, p, lr[1])));
                }
                return new Built(ranges, pointFields, true, prefixes.size());
            }
            break;
        }
        List<KeyRange> ranges = new ArrayList<>();
        for (byte[] p : prefixes) {
            byte[] start = Keys.concat(prefix, p);
            ranges.add(new KeyRange(start, Keys.successor(start)));
        }
        return new Built(ranges, pointFields, false, prefixes.size());
    }

    private static List<byte[]> extend(List<byte[]> prefixes, List<BsonValue> points, int direction) {
        TreeMap<String, byte[]> encoded = new TreeMap<>();
        for (BsonValue v : points) {
            byte[] e = encode(v, direction);
            encoded.put(java.util.HexFormat.of().formatHex(e), e);
        }
        List<byte[]> out = new ArrayList<>();
        for (byte[] p : prefixes) {
            for (byte[] e : encoded.values()) {
                out.add(Keys.concat(p, e));
            }
        }
        return out;
    }

    /** [lowerBytes, upperBytes) of one field's range, relative to the field start. */
    private static byte[][] range(FieldBounds b, int direction, boolean multikey) {
        BsonValue lower = b.lower;
        BsonValue upper = b.upper;
        if (multikey && b.twoSided) {
            upper = null; // an array may satisfy each bound with a different element
        }
        int tag = KeyEncoder.tag(lower != null ? lower : upper);
        byte[] lo;
        byte[] hi;
        if (direction > 0) {
            lo = lower == null ? new byte[] {(byte) tag}
                    : b.lowerInclusive ? encode(lower, 1) : Keys.successor(encode(lower, 1));
            hi = upper == null ? new byte[] {(byte) (tag + 1)}
                    : b.upperInclusive ? Keys.successor(encode(upper, 1)) : encode(upper, 1);
        } else {
            lo = upper == null ? new byte[] {(byte) ~tag}
                    : b.upperInclusive ? encode(upper, -1) : Keys.successor(encode(upper, -1));
            hi = lower == null ? new byte[] {(byte) (~tag + 1)}
                    : b.lowerInclusive ? Keys.successor(encode(lower, -1)) : encode(lower, -1);
        }
        return new byte[][] {lo, hi};
    }

    private static byte[] encode(BsonValue v, int direction) {
        ByteSink s = new ByteSink();
        KeyEncoder.encode(v, s);
        if (direction < 0) {
            s.complementFrom(0);
        }
        return s.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        return Keys.concat(Keys.concat(a, b), c);
    }
}
