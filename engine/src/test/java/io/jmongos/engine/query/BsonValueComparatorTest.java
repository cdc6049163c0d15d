package io.jmongos.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

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

class BsonValueComparatorTest {
    private static int sign(int x) {
        return Integer.signum(x);
    }

    private static void assertOrdered(BsonValue... ascending) {
        for (int i = 0; i < ascending.length; i++) {
            for (int j = 0; j < ascending.length; j++) {
                int c = BsonValueComparator.compare(ascending[i], ascending[j]);
                assertThat(sign(c)).as("compare(%s, %s)", ascending[i], ascending[j])
                        .isEqualTo(sign(Integer.compare(i, j)));
            }
        }
    }

    private static void assertEqual(BsonValue a, BsonValue b) {
        assertThat(BsonValueComparator.compare(a, b)).as("%s == %s", a, b).isZero();
        assertThat(BsonValueComparator.compare(b, a)).as("%s == %s", b, a).isZero();
    }

    @Test
    void everyTypeRankInMongoOrder() {
        ObjectId oid = new ObjectId("5f0000000000000000000001");
        assertOrdered(
                new BsonMinKey(),
                new BsonUndefined(),
                BsonNull.VALUE,
                new BsonInt32(1),
                new BsonString("a"),
                new BsonDocument(),
                new BsonArray(),
                new BsonBinary(new byte[0]),
                new BsonObjectId(oid),
                BsonBoolean.FALSE,
                new BsonDateTime(0),
                new BsonTimestamp(0),
                new BsonRegularExpression("a"),
                new BsonDbPointer("db.c", oid),
                new BsonJavaScript("x"),
                new BsonJavaScriptWithScope("x", new BsonDocument()),
                new BsonMaxKey());
    }

    @Test
    void ranksMatchTheDocumentedTable() {
        assertThat(BsonValueComparator.canonicalTypeRank(new BsonMinKey())).isEqualTo(-1);
        assertThat(BsonValueComparator.canonicalTypeRank(null)).isZero();
        assertThat(BsonValueComparator.canonicalTypeRank(new BsonUndefined())).isZero();
        assertThat(BsonValueComparator.canonicalTypeRank(BsonNull.VALUE)).isEqualTo(5);
        assertThat(BsonValueComparator.canonicalTypeRank(new BsonDecimal128(Decimal128.parse("1")))).isEqualTo(10);
        assertThat(BsonValueComparator.canonicalTypeRank(new BsonSymbol("s"))).isEqualTo(15);
        assertThat(BsonValueComparator.canonicalTypeRank(new BsonTimestamp(1))).isEqualTo(47);
        assertThat(BsonValueComparator.canonicalTypeRank(new BsonMaxKey())).isEqualTo(127);
    }

    @Test
    void numbersCompareByValueAcrossTypes() {
        assertEqual(new BsonInt32(1), new BsonDouble(1.0));
        assertEqual(new BsonInt32(1), new BsonInt64(1));
        assertEqual(new BsonInt64(1), new BsonDecimal128(Decimal128.parse("1.00")));
        assertEqual(new BsonDouble(0.0), new BsonDouble(-0.0));
        assertEqual(new BsonDouble(0.0), new BsonDecimal128(Decimal128.NEGATIVE_ZERO));
        assertEqual(new BsonDouble(Double.NaN), new BsonDecimal128(Decimal128.NaN));
        assertOrdered(
                new BsonDouble(Double.NaN),
                new BsonDouble(Double.NEGATIVE_INFINITY),
                new BsonInt64(Long.MIN_VALUE),
                new BsonInt32(-1),
                new BsonDecimal128(Decimal128.parse("-0.5")),
                new BsonInt32(0),
                new BsonDouble(0.1),
                new BsonDecimal128(Decimal128.parse("0.10000000000000001")),
                new BsonInt32(1),
                new BsonInt64(9007199254740992L),
                new BsonInt64(9007199254740993L),
                new BsonDouble(9007199254740994.0),
                new BsonInt64(Long.MAX_VALUE),
                new BsonDouble(9.223372036854775807E18),
                new BsonDecimal128(Decimal128.parse("1E+400")),
                new BsonDecimal128(Decimal128.POSITIVE_INFINITY));
        assertEqual(new BsonDouble(Double.POSITIVE_INFINITY), new BsonDecimal128(Decimal128.POSITIVE_INFINITY));
    }

    @Test
    void stringsAndSymbolsByUtf8Bytes() {
        assertEqual(new BsonString("abc"), new BsonSymbol("abc"));
        assertOrdered(new BsonString(""), new BsonString("A"), new BsonString("B"), new BsonString("a"),
                new BsonString("ab"), new BsonString("\u00e9"), new BsonString("\uffff"),
                new BsonString("\ud83d\ude00"));
    }

    @Test
    void documentsFieldByField() {
        assertOrdered(
                BsonDocument.parse("{}"),
                BsonDocument.parse("{a: null}"),
                BsonDocument.parse("{a: 1}"),
                BsonDocument.parse("{a: 1, b: 1}"),
                BsonDocument.parse("{a: 2}"),
                BsonDocument.parse("{b: 1}"),
                BsonDocument.parse("{a: 'x'}"),
                BsonDocument.parse("{a: {}}"));
        assertEqual(BsonDocument.parse("{a: 1}"), BsonDocument.parse("{a: 1.0}"));
    }

    @Test
    void arraysElementByElement() {
        List<BsonValue> values = new ArrayList<>();
        values.add(BsonArray.parse("[]"));
        values.add(BsonArray.parse("[null]"));
        values.add(BsonArray.parse("[1]"));
        values.add(BsonArray.parse("[1, 1]"));
        values.add(BsonArray.parse("[1, 'a']"));
        values.add(BsonArray.parse("[2]"));
        values.add(BsonArray.parse("['a']"));
        values.add(BsonArray.parse("[[]]"));
        assertOrdered(values.toArray(new BsonValue[0]));
    }

    @Test
    void binaryByLengthThenSubtypeThenBytes() {
        assertOrdered(
                new BsonBinary((byte) 5, new byte[] {9}),
                new BsonBinary((byte) 0, new byte[] {1, 2}),
                new BsonBinary((byte) 0, new byte[] {(byte) 0x80, 0}),
                new BsonBinary((byte) 4, new byte[] {0, 0}));
    }

    @Test
    void otherScalars() {
        assertOrdered(new BsonObjectId(new ObjectId("000000000000000000000001")),
                new BsonObjectId(new ObjectId("800000000000000000000000")));
        assertOrdered(new BsonDateTime(-5), new BsonDateTime(0), new BsonDateTime(7));
        assertOrdered(new BsonTimestamp(1, 5), new BsonTimestamp(2, 0), new BsonTimestamp(-1, 0));
        assertOrdered(new BsonRegularExpression("a", "i"), new BsonRegularExpression("a", "m"),
                new BsonRegularExpression("b"));
        assertOrdered(BsonBoolean.FALSE, BsonBoolean.TRUE);
    }

    @Test
    void comparatorInstanceAgreesAndHandlesMissing() {
        assertThat(BsonValueComparator.INSTANCE.compare(new BsonInt32(1), new BsonInt32(2))).isNegative();
        assertThat(BsonValueComparator.compare(null, new BsonUndefined())).isZero();
        assertThat(BsonValueComparator.compare(null, BsonNull.VALUE)).isNegative();
    }
}
