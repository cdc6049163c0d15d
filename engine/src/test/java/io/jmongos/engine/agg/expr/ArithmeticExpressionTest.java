package io.jmongos.engine.agg.expr;

import static io.jmongos.engine.agg.expr.ExprTestSupport.eval;
import static io.jmongos.engine.agg.expr.ExprTestSupport.failsWith;
import static io.jmongos.engine.agg.expr.ExprTestSupport.v;
import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.junit.jupiter.api.Test;

class ArithmeticExpressionTest {
    @Test
    void addPromotesTypesAndWidensOnOverflow() {
        assertThat(eval("{$add: [1, 2]}")).isEqualTo(new BsonInt32(3));
        assertThat(eval("{$add: [2147483647, 1]}")).isEqualTo(new BsonInt64(2147483648L));
        assertThat(eval("{$add: [{$numberLong: '1'}, 1]}")).isEqualTo(new BsonInt64(2));
        assertThat(eval("{$add: [{$numberLong: '9223372036854775807'}, 1]}")).isInstanceOf(BsonDouble.class);
        assertThat(eval("{$add: [1, 1.5]}")).isEqualTo(new BsonDouble(2.5));
        assertThat(eval("{$add: [1, {$numberDecimal: '0.1'}]}")).isEqualTo(v("{$numberDecimal: '1.1'}"));
        assertThat(eval("{$add: [1, null]}")).isEqualTo(BsonNull.VALUE);
        assertThat(eval("{$add: [1, '$missing']}")).isEqualTo(BsonNull.VALUE);
        assertThat(eval("{$add: []}")).isEqualTo(new BsonInt32(0));
    }

    @Test
    void dateArithmetic() {
        assertThat(eval("{$add: ['$d', 1000]}", "{d: {$date: 0}}")).isEqualTo(v("{$date: 1000}"));
        assertThat(eval("{$add: [1.6, '$d']}", "{d: {$date: 0}}")).isEqualTo(v("{$date: 2}"));
        assertThat(eval("{$subtract: ['$d', '$e']}", "{d: {$date: 5000}, e: {$date: 2000}}"))
                .isEqualTo(new BsonInt64(3000));
        assertThat(eval("{$subtract: ['$d', 1000]}", "{d: {$date: 5000}}")).isEqualTo(v("{$date: 4000}"));
        failsWith(16612, "{$add: ['$d', '$d']}", "{d: {$date: 0}}");
        failsWith(14, "{$subtract: [2, '$d']}", "{d: {$date: 0}}");
        failsWith(14, "{$add: [1, 'x']}").hasMessage("$add only supports numeric or date types, not string");
    }

    @Test
    void subtractMultiplyDivideMod() {
        assertThat(eval("{$subtract: [5, 7]}")).isEqualTo(new BsonInt32(-2));
        assertThat(eval("{$subtract: [-2147483648, 1]}")).isEqualTo(new BsonInt64(-2147483649L));
        assertThat(eval("{$multiply: [2, 3, 4]}")).isEqualTo(new BsonInt32(24));
        assertThat(eval("{$multiply: [65536, 65536]}")).isEqualTo(new BsonInt64(4294967296L));
        assertThat(eval("{$multiply: [{$numberLong: '4611686018427387904'}, 4]}")).isInstanceOf(BsonDouble.class);
        assertThat(eval("{$divide: [6, 4]}")).isEqualTo(new BsonDouble(1.5));
        assertThat(eval("{$divide: [{$numberDecimal: '1'}, 4]}")).isEqualTo(v("{$numberDecimal: '0.25'}"));
        assertThat(eval("{$mod: [7, 3]}")).isEqualTo(new BsonInt32(1));
        assertThat(eval("{$mod: [-7, 3]}")).isEqualTo(new BsonInt32(-1));
        assertThat(eval("{$mod: [7.5, 2]}")).isEqualTo(new BsonDouble(1.5));
        assertThat(eval("{$mod: [{$numberLong: '7'}, 3]}")).isEqualTo(new BsonInt64(1));
        failsWith(2, "{$divide: [1, 0]}").hasMessage("can't $divide by zero");
        failsWith(16610, "{$mod: [1, 0]}");
        failsWith(14, "{$multiply: [1, 'a']}").hasMessage("$multiply only supports numeric types, not string");
        failsWith(14, "{$divide: ['a', 1]}").hasMessage("$divide only supports numeric types, not string and int");
        failsWith(16611, "{$mod: ['a', 1]}");
        failsWith(16020, "{$subtract: [1]}");
    }

    @Test
    void mathFunctions() {
        assertThat(eval("{$abs: -5}")).isEqualTo(new BsonInt32(5));
        assertThat(eval("{$abs: -2147483648}")).isEqualTo(new BsonInt64(2147483648L));
        assertThat(eval("{$abs: null}")).isEqualTo(BsonNull.VALUE);
        assertThat(eval("{$ceil: 1.2}")).isEqualTo(new BsonDouble(2));
        assertThat(eval("{$floor: -1.2}")).isEqualTo(new BsonDouble(-2));
        assertThat(eval("{$floor: 3}")).isEqualTo(new BsonInt32(3));
        assertThat(eval("{$sqrt: 16}")).isEqualTo(new BsonDouble(4));
        assertThat(eval("{$pow: [2, 10]}")).isEqualTo(new BsonInt32(1024));
        assertThat(eval("{$pow: [2, 40]}")).isEqualTo(new BsonInt64(1L << 40));
        assertThat(eval("{$pow: [2, -1]}")).isEqualTo(new BsonDouble(0.5));
        assertThat(eval("{$pow: [-1, 3]}")).isEqualTo(new BsonInt32(-1));
        assertThat(eval("{$exp: 0}")).isEqualTo(new BsonDouble(1));
        assertThat(eval("{$ln: 1}")).isEqualTo(new BsonDouble(0));
        assertThat(eval("{$log10: 1000}")).isEqualTo(new BsonDouble(3));
        assertThat(eval("{$log: [8, 2]}")).isEqualTo(new BsonDouble(3));
        assertThat(eval("{$round: [2.5]}")).isEqualTo(new BsonDouble(2));
        assertThat(eval("{$round: [3.5]}")).isEqualTo(new BsonDouble(4));
        assertThat(eval("{$round: [1.2345, 2]}")).isEqualTo(new BsonDouble(1.23));
        assertThat(eval("{$round: [1234, -2]}")).isEqualTo(new BsonInt32(1200));
        assertThat(eval("{$trunc: [-1.99]}")).isEqualTo(new BsonDouble(-1));
        assertThat(eval("{$trunc: [1.999, 1]}")).isEqualTo(new BsonDouble(1.9));
        assertThat(eval("{$round: [{$numberDecimal: '1.25'}, 1]}")).isEqualTo(v("{$numberDecimal: '1.2'}"));
        assertThat(eval("{$sin: 0}")).isEqualTo(new BsonDouble(0));
        assertThat(eval("{$cos: 0}")).isEqualTo(new BsonDouble(1));
        assertThat(eval("{$atan2: [1, 1]}")).isEqualTo(new BsonDouble(Math.PI / 4));
        assertThat(eval("{$radiansToDegrees: {$literal: 3.141592653589793}}")).isEqualTo(new BsonDouble(180));
        assertThat(eval("{$asin: null}")).isEqualTo(BsonNull.VALUE);
        failsWith(50989, "{$acos: 2}");
        failsWith(28765, "{$tan: 'x'}");
        failsWith(28765, "{$abs: 'x'}").hasMessage("$abs only supports numeric types, not string");
        failsWith(28714, "{$sqrt: -1}");
        failsWith(28766, "{$ln: 0}");
        failsWith(28761, "{$log10: -1}");
        failsWith(28759, "{$log: [8, 1]}");
        failsWith(28764, "{$pow: [0, -1]}");
        failsWith(51083, "{$round: [1, 200]}");
        failsWith(51082, "{$round: [1, 1.5]}");
        failsWith(5733415, "{$mod: [{$numberDecimal: '1'}, 0]}");
        failsWith(28667, "{$round: [1, 2, 3]}");
    }
}
