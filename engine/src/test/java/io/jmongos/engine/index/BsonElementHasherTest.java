package io.jmongos.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
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

/** The test vectors of MongoDB's src/mongo/db/hasher_test.cpp (seed 0), value for value. */
class BsonElementHasherTest {
    private static long hash(BsonValue v) {
        return BsonElementHasher.hash64(v, 0);
    }

    @Test
    void numbersOfEveryWidthHashAsTheirTruncatedLong() {
        assertThat(hash(new BsonInt32(42))).isEqualTo(-944302157085130861L);
        assertThat(hash(new BsonDouble(42.123))).isEqualTo(-944302157085130861L);
        assertThat(hash(new BsonInt64(42))).isEqualTo(-944302157085130861L);
        assertThat(hash(new BsonInt32(0))).isEqualTo(4854801880128277513L);
        assertThat(hash(new BsonDouble(0.456))).isEqualTo(4854801880128277513L);
        assertThat(hash(new BsonDouble(Double.NaN))).isEqualTo(4854801880128277513L);
        assertThat(hash(new BsonInt32(1))).isEqualTo(5902408780260971510L);
        assertThat(hash(new BsonDouble(1.987))).isEqualTo(5902408780260971510L);
        assertThat(hash(new BsonInt32(-1))).isEqualTo(1140205862565771219L);
        assertThat(hash(new BsonDouble(-1.789))).isEqualTo(1140205862565771219L);
        assertThat(hash(new BsonInt32(Integer.MIN_VALUE))).isEqualTo(6165898260261354870L);
        assertThat(hash(new BsonDouble(Integer.MIN_VALUE))).isEqualTo(6165898260261354870L);
        assertThat(hash(new BsonInt32(Integer.MAX_VALUE))).isEqualTo(1143184177162245883L);
        assertThat(hash(new BsonInt64(Integer.MAX_VALUE))).isEqualTo(1143184177162245883L);
        assertThat(hash(new BsonDouble(Double.MAX_VALUE))).isEqualTo(921523596458303250L);
        assertThat(hash(new BsonInt64(Long.MAX_VALUE))).isEqualTo(921523596458303250L);
        assertThat(hash(new BsonDouble(-Double.MAX_VALUE))).isEqualTo(4532067210535695462L);
        assertThat(hash(new BsonInt64(Long.MIN_VALUE))).isEqualTo(4532067210535695462L);
    }

    @Test
    void decimalsHashLikeTheOtherNumbers() {
        assertThat(hash(new BsonDecimal128(Decimal128.parse("42")))).isEqualTo(-944302157085130861L);
        assertThat(hash(new BsonDecimal128(Decimal128.NaN))).isEqualTo(4854801880128277513L);
        assertThat(hash(new BsonDecimal128(Decimal128.POSITIVE_INFINITY))).isEqualTo(921523596458303250L);
    }

    @Test
    void keysUndefinedAndNull() {
        assertThat(hash(new BsonMinKey())).isEqualTo(7961148599568647290L);
        assertThat(hash(new BsonMaxKey())).isEqualTo(5504842513779440750L);
        assertThat(hash(new BsonUndefined())).isEqualTo(40158834000849533L);
        assertThat(hash(BsonNull.VALUE)).isEqualTo(2338878944348059895L);
    }

    @Test
    void stringsAndSymbols() {
        assertThat(hash(new BsonString("abc"))).isEqualTo(8478485326885698097L);
        assertThat(hash(new BsonSymbol("abc"))).isEqualTo(8478485326885698097L);
        assertThat(hash(new BsonString(""))).isEqualTo(2049396243249673340L);
        assertThat(hash(new BsonSymbol(""))).isEqualTo(2049396243249673340L);
    }

    @Test
    void documentsAndArrays() {
        assertThat(hash(new BsonDocument("a", new BsonString("abc")).append("b", new BsonInt64(123))))
                .isEqualTo(4771603801758380216L);
        assertThat(hash(new BsonDocument())).isEqualTo(7980500913326740417L);
        assertThat(hash(new BsonArray(java.util.List.of(new BsonString("bar"), new BsonString("baz"),
                new BsonString("qux"))))).isEqualTo(-2938911267422831539L);
        assertThat(hash(new BsonArray())).isEqualTo(8849948234993459283L);
        // nested numbers squash too (hasher_test RecursiveSquashingIntsAndDoubles)
        assertThat(hash(BsonDocument.parse("{a: 3, b: [3.1, {c: 3}]}")))
                .isEqualTo(hash(BsonDocument.parse("{a: 3.1, b: [3, {c: 3.0}]}")));
    }

    @Test
    void binaryObjectIdsAndBooleans() {
        byte[] bytes = {0, 1, 2, 3, 4, 6};
        assertThat(hash(new BsonBinary(BsonBinarySubType.BINARY, bytes))).isEqualTo(7252465090394235301L);
        assertThat(hash(new BsonBinary(BsonBinarySubType.USER_DEFINED, bytes))).isEqualTo(5736670452907618262L);
        byte[] uuid = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        assertThat(hash(new BsonBinary(BsonBinarySubType.UUID_STANDARD, uuid))).isEqualTo(6084661258071355978L);
        assertThat(hash(new BsonObjectId(new ObjectId("010203040506070809101112"))))
                .isEqualTo(-5588663249627035708L);
        assertThat(hash(new BsonObjectId(new ObjectId("000000000000000000000000"))))
                .isEqualTo(-4293118519463489418L);
        assertThat(hash(BsonBoolean.TRUE)).isEqualTo(6405873908747105701L);
        assertThat(hash(BsonBoolean.FALSE)).isEqualTo(6289544573401934092L);
    }

    @Test
    void datesAndTimestamps() {
        assertThat(hash(new BsonDateTime(0x5566778811223344L))).isEqualTo(4476222765095560467L);
        assertThat(hash(new BsonDateTime(0))).isEqualTo(-1178696894582842035L);
        // Timestamps have their own canonical type (47) since MongoDB 3.0, so they no longer hash as dates; these
        // are the values of the current hasher_test.cpp (the 2013 file expected the dates' values)
        assertThat(hash(new BsonTimestamp(0x55667788, 0x11223344))).isEqualTo(4873046866288452390L);
        assertThat(hash(new BsonTimestamp(0, 0))).isEqualTo(-7867208682377458672L);
    }

    @Test
    void regexDbPointerAndCode() {
        assertThat(hash(new BsonRegularExpression("mongodb"))).isEqualTo(-7275792090268217043L);
        assertThat(hash(new BsonRegularExpression(".*", "i"))).isEqualTo(7095855029187981886L);
        ObjectId oid = new ObjectId("010203040506070809101112");
        assertThat(hash(new BsonDbPointer("c", oid))).isEqualTo(940175826736461384L);
        assertThat(hash(new BsonDbPointer("db.c", oid))).isEqualTo(2426768198104018194L);
        assertThat(hash(new BsonJavaScript("func f() { return 1; }"))).isEqualTo(6861638109178014270L);
        assertThat(hash(new BsonJavaScriptWithScope("func f() { return 1; }",
                new BsonDocument("c", BsonBoolean.TRUE)))).isEqualTo(501342939894575968L);
    }

    @Test
    void theSeedMatters() {
        assertThat(BsonElementHasher.hash64(new BsonInt32(4), 0)).isNotEqualTo(BsonElementHasher.hash64(
                new BsonInt32(4), 1));
    }
}
