package io.jmongos.engine.agg.expr;

import static io.jmongos.engine.agg.expr.ExprTestSupport.eval;
import static io.jmongos.engine.agg.expr.ExprTestSupport.failsWith;
import static io.jmongos.engine.agg.expr.ExprTestSupport.v;
import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonNull;
import org.junit.jupiter.api.Test;

class TypeAndDateExpressionTest {
    private static final String DOC = "{d: {$date: '2021-03-04T05:06:07.089Z'}}";

    @Test
    void typeNames() {
        assertThat(eval("{$type: '$m'}")).isEqualTo(v("'missing'"));
        assertThat(eval("{$type: 1}")).isEqualTo(v("'int'"));
        assertThat(eval("{$type: {$literal: {$numberLong: '1'}}}")).isEqualTo(v("'long'"));
        assertThat(eval("{$type: [[]]}")).isEqualTo(v("'array'"));
        assertThat(eval("{$type: null}")).isEqualTo(v("'null'"));
        assertThat(eval("{$isNumber: {$numberDecimal: '1'}}")).isEqualTo(v("true"));
        assertThat(eval("{$isNumber: '1'}")).isEqualTo(v("false"));
    }

    @Test
    void conversions() {
        assertThat(eval("{$toInt: '42'}")).isEqualTo(v("42"));
        assertThat(eval("{$toInt: 4.9}")).isEqualTo(v("4"));
        assertThat(eval("{$toLong: '$d'}", DOC)).isEqualTo(v("{$numberLong: '1614834367089'}"));
        assertThat(eval("{$toDouble: '2.5'}")).isEqualTo(v("2.5"));
        assertThat(eval("{$toDouble: true}")).isEqualTo(v("1.0"));
        assertThat(eval("{$toDecimal: 1}")).isEqualTo(v("{$numberDecimal: '1'}"));
        assertThat(eval("{$toString: 2.5}")).isEqualTo(v("'2.5'"));
        assertThat(eval("{$toString: 3.0}")).isEqualTo(v("'3'"));
        assertThat(eval("{$toString: '$d'}", DOC)).isEqualTo(v("'2021-03-04T05:06:07.089Z'"));
        assertThat(eval("{$toString: {$toObjectId: '5ab9cbfa31c2ab715d42129e'}}"))
                .isEqualTo(v("'5ab9cbfa31c2ab715d42129e'"));
        assertThat(eval("{$toBool: 0}")).isEqualTo(v("false"));
        assertThat(eval("{$toBool: ''}")).isEqualTo(v("true"));
        assertThat(eval("{$toDate: '2021-03-04T05:06:07.089Z'}")).isEqualTo(v("{$date: 1614834367089}"));
        assertThat(eval("{$toDate: {$numberLong: '1000'}}")).isEqualTo(v("{$date: 1000}"));
        // year and month only: MongoDB's parser (timelib) takes the first of the month, midnight UTC
        assertThat(eval("{$toDate: '2020-07'}")).isEqualTo(v("{$date: '2020-07-01T00:00:00Z'}"));
        assertThat(eval("{$dateFromString: {dateString: '2020-7'}}")).isEqualTo(v("{$date: '2020-07-01T00:00:00Z'}"));
        assertThat(eval("{$toInt: null}")).isEqualTo(BsonNull.VALUE);
        failsWith(241, "{$toInt: 'abc'}")
                .hasMessage("Failed to parse number 'abc' in $convert with no onError value: Did not consume whole "
                        + "string.");
        failsWith(241, "{$toObjectId: 'system'}").hasMessage("Failed to parse objectId 'system' in $convert with no "
                + "onError value: Invalid string length for parsing to OID, expected 24 but found 6");
        failsWith(241, "{$toInt: {$numberLong: '9999999999'}}");
        failsWith(241, "{$toObjectId: 'abc'}");
        failsWith(241, "{$toInt: '$d'}", DOC).hasMessageContaining("Unsupported conversion from date to int");
        assertThat(eval("{$convert: {input: 'abc', to: 'int', onError: -1}}")).isEqualTo(v("-1"));
        assertThat(eval("{$convert: {input: '$m', to: 'int', onNull: 0}}")).isEqualTo(v("0"));
        assertThat(eval("{$convert: {input: '7', to: 18}}")).isEqualTo(v("{$numberLong: '7'}"));
        assertThat(eval("{$convert: {input: 1, to: 'bool'}}")).isEqualTo(v("true"));
        failsWith(2, "{$convert: {input: 1, to: 'nope'}}");
        failsWith(9, "{$convert: {input: 1}}");
    }

    @Test
    void dateParts() {
        assertThat(eval("{$year: '$d'}", DOC)).isEqualTo(v("2021"));
        assertThat(eval("{$month: '$d'}", DOC)).isEqualTo(v("3"));
        assertThat(eval("{$dayOfMonth: '$d'}", DOC)).isEqualTo(v("4"));
        assertThat(eval("{$hour: '$d'}", DOC)).isEqualTo(v("5"));
        assertThat(eval("{$minute: '$d'}", DOC)).isEqualTo(v("6"));
        assertThat(eval("{$second: '$d'}", DOC)).isEqualTo(v("7"));
        assertThat(eval("{$millisecond: '$d'}", DOC)).isEqualTo(v("89"));
        assertThat(eval("{$dayOfWeek: '$d'}", DOC)).isEqualTo(v("5"));
        assertThat(eval("{$dayOfYear: '$d'}", DOC)).isEqualTo(v("63"));
        assertThat(eval("{$week: '$d'}", DOC)).isEqualTo(v("9"));
        assertThat(eval("{$isoWeek: '$d'}", DOC)).isEqualTo(v("9"));
        assertThat(eval("{$hour: {date: '$d', timezone: '+02:30'}}", DOC)).isEqualTo(v("7"));
        assertThat(eval("{$hour: {date: '$d', timezone: 'America/New_York'}}", DOC)).isEqualTo(v("0"));
        assertThat(eval("{$year: '$m'}")).isEqualTo(BsonNull.VALUE);
        failsWith(16006, "{$year: 'x'}").hasMessage("can't convert from BSON type string to Date");
        failsWith(40485, "{$hour: {date: '$d', timezone: 'Mars/Base'}}", DOC);
        failsWith(40535, "{$hour: {date: '$d', tz: 'UTC'}}", DOC);
    }

    @Test
    void dateStrings() {
        assertThat(eval("{$dateToString: {date: '$d'}}", DOC)).isEqualTo(v("'2021-03-04T05:06:07.089Z'"));
        assertThat(eval("{$dateToString: {date: '$d', format: '%Y/%m/%d %H:%M %j %w %%'}}", DOC))
                .isEqualTo(v("'2021/03/04 05:06 063 5 %'"));
        assertThat(eval("{$dateToString: {date: '$d', format: '%H:%M %z %Z', timezone: '-05:00'}}", DOC))
                .isEqualTo(v("'00:06 -0500 -300'"));
        assertThat(eval("{$dateToString: {date: '$m', onNull: 'none'}}")).isEqualTo(v("'none'"));
        failsWith(18536, "{$dateToString: {date: '$d', format: '%Q'}}", DOC);
        failsWith(18535, "{$dateToString: {date: '$d', format: 'abc%'}}", DOC);
        failsWith(18628, "{$dateToString: {format: '%Y'}}");
        assertThat(eval("{$dateFromString: {dateString: '2021-03-04T05:06:07.089Z'}}"))
                .isEqualTo(v("{$date: 1614834367089}"));
        assertThat(eval("{$dateFromString: {dateString: '2021-03-04'}}")).isEqualTo(v("{$date: 1614816000000}"));
        assertThat(eval("{$dateFromString: {dateString: '04/03/2021', format: '%d/%m/%Y'}}"))
                .isEqualTo(v("{$date: 1614816000000}"));
        assertThat(eval("{$dateFromString: {dateString: '2021-03-04T02:00:00', timezone: '+02:00'}}"))
                .isEqualTo(v("{$date: 1614816000000}"));
        assertThat(eval("{$dateFromString: {dateString: 'garbage', onError: 'bad'}}")).isEqualTo(v("'bad'"));
        assertThat(eval("{$dateFromString: {dateString: null, onNull: 0}}")).isEqualTo(v("0"));
        failsWith(241, "{$dateFromString: {dateString: 'garbage'}}");
        assertThat(eval("{$dateToParts: {date: '$d'}}", DOC)).isEqualTo(v("{year: 2021, month: 3, day: 4, "
                + "hour: 5, minute: 6, second: 7, millisecond: 89}"));
        assertThat(eval("{$dateFromParts: {year: 2021, month: 3, day: 4}}")).isEqualTo(v("{$date: 1614816000000}"));
        assertThat(eval("{$dateAdd: {startDate: '$d', unit: 'day', amount: 1}}", DOC))
                .isEqualTo(v("{$date: '2021-03-05T05:06:07.089Z'}"));
        assertThat(eval("{$dateSubtract: {startDate: '$d', unit: 'month', amount: 1}}", DOC))
                .isEqualTo(v("{$date: '2021-02-04T05:06:07.089Z'}"));
        assertThat(eval("{$dateTrunc: {date: '$d', unit: 'hour'}}", DOC))
                .isEqualTo(v("{$date: '2021-03-04T05:00:00Z'}"));
        assertThat(eval("{$dateTrunc: {date: '$d', unit: 'month', binSize: 2}}", DOC))
                .isEqualTo(v("{$date: '2021-03-01T00:00:00Z'}"));
        assertThat(eval("{$dateTrunc: {date: '$d', unit: 'week'}}", DOC))
                .isEqualTo(v("{$date: '2021-02-28T00:00:00Z'}"));
        assertThat(eval("{$dateTrunc: {date: '$d', unit: 'quarter'}}", DOC))
                .isEqualTo(v("{$date: '2021-01-01T00:00:00Z'}"));
        assertThat(eval("{$dateTrunc: {date: '$d', unit: 'minute', binSize: 15}}", DOC))
                .isEqualTo(v("{$date: '2021-03-04T05:00:00Z'}"));
        assertThat(eval("{$dateTrunc: {date: '$d', unit: 'day', timezone: '+03:00'}}", DOC))
                .isEqualTo(v("{$date: '2021-03-03T21:00:00Z'}"));
        assertThat(eval("{$dateDiff: {startDate: '$d', endDate: {$date: '2022-01-01T00:00:00Z'}, unit: 'year'}}",
                DOC)).isEqualTo(v("{$numberLong: '1'}"));
    }
}
