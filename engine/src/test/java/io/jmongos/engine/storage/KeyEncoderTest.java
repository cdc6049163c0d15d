package io.jmongos.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.jmongos.engine.query.BsonValueComparator;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class KeyEncoderTest {
    private static final int PAIRS = 200_000;

    @Test
    void encodedOrderMatchesComparatorOnRandomPairs() {
        Random rnd = new Random(42);
        for (int i = 0; i < PAIRS; i++) {
            BsonValue a = randomValue(rnd, 0);
            BsonValue b = rnd.nextInt(8) == 0 ? a : randomValue(rnd, 0);
            assertSameOrder(a, b);
        }
    }

    @Test
    void numbersOfDifferentWidthsEncodeIdentically() {
        byte[] one = KeyEncoder.encode(new BsonInt32(1));
        assertThat(KeyEncoder.encode(new BsonInt64(1))).isEqualTo(one);
        assertThat(KeyEncoder.encode(new BsonDouble(1.0))).isEqualTo(one);
        assertThat(KeyEncoder.encode(new BsonDecimal128(Decimal128.parse("1.000")))).isEqualTo(one);
        assertThat(KeyEncoder.encode(new BsonDouble(-0.0))).isEqualTo(KeyEncoder.encode(new BsonInt32(0)));
        assertThat(KeyEncoder.encode(new BsonDecimal128(Decimal128.NEGATIVE_ZERO)))
                .isEqualTo(KeyEncoder.encode(new BsonInt32(0)));
        assertThat(KeyEncoder.encode(new BsonDouble(Double.NaN)))
                .isEqualTo(KeyEncoder.encode(new BsonDecimal128(Decimal128.NaN)));
    }

    @Test
    void edgeNumbersAndStringsOrderCorrectly() {
        List<BsonValue> v = List.of(new BsonDouble(Double.NaN), new BsonDouble(Double.NEGATIVE_INFINITY),
                new BsonInt64(Long.MIN_VALUE), new BsonDouble(-1e300), new BsonDouble(-1.5), new BsonInt32(-1),
                new BsonDouble(-Double.MIN_VALUE), new BsonInt32(0), new BsonDouble(Double.MIN_VALUE),
                new BsonDouble(0.1), new BsonDecimal128(Decimal128.parse("0.1")), new BsonInt32(1),
                new BsonInt64(Long.MAX_VALUE), new BsonDouble(9.223372036854775807E18),
                new BsonDecimal128(Decimal128.parse("9.999999999999999999999999999999999E+6144")),
                new BsonDouble(Double.POSITIVE_INFINITY), new BsonString(""), new BsonString("\0"),
                new BsonString("\0\0"), new BsonString("\1"), new BsonString("a"), new BsonString("a\0"),
                new BsonString("ab"), new BsonString("\uFFFF"), new BsonString("\uD83D\uDE00"));
        for (BsonValue a : v) {
            for (BsonValue b : v) {
                assertSameOrder(a, b);
            }
        }
    }

    @Test
    void complementReversesOrderOfPrefixFreeEncodings() {
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            BsonValue a = randomValue(rnd, 0);
            BsonValue b = randomValue(rnd, 0);
            int expected = Integer.signum(BsonValueComparator.compare(a, b));
            assertThat(Integer.signum(Keys.compare(complement(a), complement(b))))
                    .as("%s vs %s", a, b).isEqualTo(-expected);
        }
    }

    private static byte[] complement(BsonValue v) {
        ByteSink s = new ByteSink();
        KeyEncoder.encode(v, s);
        s.complementFrom(0);
        return s.toByteArray();
    }

    private static void assertSameOrder(BsonValue a, BsonValue b) {
        int expected = Integer.signum(BsonValueComparator.compare(a, b));
        int actual = Integer.signum(Keys.compare(KeyEncoder.encode(a), KeyEncoder.encode(b)));
        assertThat(actual).as("%s vs %s", a, b).isEqualTo(expected);
    }

    static BsonValue randomValue(Random rnd, int depth) {
        int kind = rnd.nextInt(depth > 2 ? 18 : 21);
        switch (kind) {
            case 0: return new BsonMinKey();
            case 1: return new BsonMaxKey();
            case 2: return BsonNull.VALUE;
            case 3: return new BsonUndefined();
            case 4: return new BsonInt32(smallOrAny(rnd));
            case 5: return new BsonInt64(rnd.nextBoolean() ? smallOrAny(rnd) : rnd.nextLong());
            case 6: return new BsonDouble(randomDouble(rnd));
            case 7: return new BsonDecimal128(randomDecimal(rnd));
            case 8: return new BsonString(randomString(rnd));
            case 9: return new BsonSymbol(randomString(rnd));
            case 10: return new BsonBinary((byte) rnd.nextInt(3), randomBytes(rnd));
            case 11: return new BsonObjectId(new ObjectId(rnd.nextInt(3), rnd.nextInt(3)));
            case 12: return BsonBoolean.valueOf(rnd.nextBoolean());
            case 13: return new BsonDateTime(rnd.nextBoolean() ? rnd.nextInt(5) - 2 : rnd.nextLong());
            case 14: return new BsonTimestamp(rnd.nextBoolean() ? rnd.nextInt(5) : rnd.nextLong());
            case 15: return new BsonRegularExpression(randomString(rnd), rnd.nextBoolean() ? "i" : "");
            case 16: return new BsonJavaScript(randomString(rnd));
            case 17: return new BsonDbPointer(randomString(rnd), new ObjectId(0, rnd.nextInt(3)));
            case 18: return new BsonJavaScriptWithScope(randomString(rnd), randomDocument(rnd, depth + 1));
            case 19: {
                BsonArray arr = new BsonArray();
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    arr.add(randomValue(rnd, depth + 1));
                }
                return arr;
            }
            default: return randomDocument(rnd, depth + 1);
        }
    }

    private static BsonDocument randomDocument(Random rnd, int depth) {
        BsonDocument doc = new BsonDocument();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            doc.put(rnd.nextBoolean() ? "a" : randomString(rnd), randomValue(rnd, depth));
        }
        return doc;
    }

    private static int smallOrAny(Random rnd) {
        return rnd.nextBoolean() ? rnd.nextInt(7) - 3 : rnd.nextInt();
    }

    private static double randomDouble(Random rnd) {
        switch (rnd.nextInt(8)) {
            case 0: return Double.NaN;
            case 1: return rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2: return rnd.nextInt(7) - 3;
            case 3: return (rnd.nextInt(13) - 6) / 4.0;
            case 4: return Double.longBitsToDouble(rnd.nextLong());
            case 5: return rnd.nextBoolean() ? -0.0 : 0.0;
            default: return rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
        }
    }

    private static Decimal128 randomDecimal(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0: return Decimal128.NaN;
            case 1: return rnd.nextBoolean() ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY;
            case 2: return rnd.nextBoolean() ? Decimal128.NEGATIVE_ZERO : Decimal128.POSITIVE_ZERO;
            case 3: return new Decimal128(new BigDecimal(rnd.nextInt(13) - 6).movePointLeft(rnd.nextInt(3)));
            default: return new Decimal128(new BigDecimal(rnd.nextLong()).movePointLeft(rnd.nextInt(40) - 10));
        }
    }

    private static String randomString(Random rnd) {
        String alphabet = "\0\1ab\u00e9\uFFFF";
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(10) == 0) {
                sb.append("\uD83D\uDE00");
            } else {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(3)];
        rnd.nextBytes(b);
        return b;
    }

    static List<BsonValue> sample(Random rnd, int n) {
        List<BsonValue> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(randomValue(rnd, 0));
        }
        return out;
    }
}
