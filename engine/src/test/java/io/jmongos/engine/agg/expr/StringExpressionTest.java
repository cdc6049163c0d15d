package io.jmongos.engine.agg.expr;

import static io.jmongos.engine.agg.expr.ExprTestSupport.eval;
import static io.jmongos.engine.agg.expr.ExprTestSupport.failsWith;
import static io.jmongos.engine.agg.expr.ExprTestSupport.v;
import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonNull;
import org.junit.jupiter.api.Test;

class StringExpressionTest {
    @Test
    void concatCaseAndCompare() {
        assertThat(eval("{$concat: ['a', '$b', 'c']}", "{b: 'B'}")).isEqualTo(v("'aBc'"));
        assertThat(eval("{$concat: ['a', '$missing']}")).isEqualTo(BsonNull.VALUE);
        failsWith(16702, "{$concat: ['a', 1]}").hasMessage("$concat only supports strings, not int");
        assertThat(eval("{$toLower: 'AbÇ'}")).isEqualTo(v("'abÇ'"));
        assertThat(eval("{$toUpper: 'abc'}")).isEqualTo(v("'ABC'"));
        assertThat(eval("{$toUpper: 12}")).isEqualTo(v("'12'"));
        assertThat(eval("{$toLower: null}")).isEqualTo(v("''"));
        assertThat(eval("{$strcasecmp: ['ABC', 'abc']}")).isEqualTo(v("0"));
        assertThat(eval("{$strcasecmp: ['a', 'B']}")).isEqualTo(v("-1"));
        assertThat(eval("{$strcasecmp: ['_', 'a']}")).isEqualTo(v("1"));
        failsWith(16007, "{$toLower: [[1]]}");
    }

    @Test
    void substringsAndLengths() {
        assertThat(eval("{$substrCP: ['héllo', 1, 3]}")).isEqualTo(v("'éll'"));
        assertThat(eval("{$substrCP: ['abc', 5, 3]}")).isEqualTo(v("''"));
        assertThat(eval("{$substrBytes: ['abcdef', 2, 2]}")).isEqualTo(v("'cd'"));
        assertThat(eval("{$substr: ['abcdef', 2, -1]}")).isEqualTo(v("'cdef'"));
        failsWith(28656, "{$substrBytes: ['héllo', 2, 1]}");
        failsWith(50752, "{$substrBytes: ['abc', -1, 1]}");
        failsWith(34455, "{$substrCP: ['abc', -1, 1]}");
        failsWith(34452, "{$substrCP: ['abc', 1, 'x']}");
        assertThat(eval("{$strLenCP: 'héllo'}")).isEqualTo(v("5"));
        assertThat(eval("{$strLenBytes: 'héllo'}")).isEqualTo(v("6"));
        failsWith(34471, "{$strLenCP: 5}").hasMessage("$strLenCP requires a string argument, found: int");
        failsWith(34473, "{$strLenBytes: '$missing'}");
        assertThat(eval("{$indexOfCP: ['héllo', 'l']}")).isEqualTo(v("2"));
        assertThat(eval("{$indexOfCP: ['héllo', 'l', 3]}")).isEqualTo(v("3"));
        assertThat(eval("{$indexOfCP: ['héllo', 'z']}")).isEqualTo(v("-1"));
        assertThat(eval("{$indexOfBytes: ['héllo', 'l']}")).isEqualTo(v("3"));
        assertThat(eval("{$indexOfCP: [null, 'l']}")).isEqualTo(BsonNull.VALUE);
        failsWith(40094, "{$indexOfCP: ['a', 1]}");
    }

    @Test
    void splitAndTrim() {
        assertThat(eval("{$split: ['a,b,,c', ',']}")).isEqualTo(v("['a', 'b', '', 'c']"));
        assertThat(eval("{$split: [null, ',']}")).isEqualTo(BsonNull.VALUE);
        failsWith(40087, "{$split: ['a', '']}");
        failsWith(40085, "{$split: [1, ',']}");
        assertThat(eval("{$trim: {input: '  ab \\n'}}")).isEqualTo(v("'ab'"));
        assertThat(eval("{$ltrim: {input: 'xxabx', chars: 'x'}}")).isEqualTo(v("'abx'"));
        assertThat(eval("{$rtrim: {input: 'xxabx', chars: 'x'}}")).isEqualTo(v("'xxab'"));
        assertThat(eval("{$trim: {input: null}}")).isEqualTo(BsonNull.VALUE);
        failsWith(50699, "{$trim: {input: 5}}");
        failsWith(50695, "{$trim: {chars: 'a'}}");
    }

    @Test
    void regexAndReplace() {
        assertThat(eval("{$regexMatch: {input: 'Hello', regex: '^h', options: 'i'}}")).isEqualTo(v("true"));
        assertThat(eval("{$regexMatch: {input: 'Hello', regex: {$regularExpression: {pattern: '^h', options: ''}}}}"))
                .isEqualTo(v("false"));
        assertThat(eval("{$regexMatch: {input: '$m', regex: 'a'}}")).isEqualTo(v("false"));
        assertThat(eval("{$regexFind: {input: 'ab12cd34', regex: '([a-z]+)(\\\\d+)'}}"))
                .isEqualTo(v("{match: 'ab12', idx: 0, captures: ['ab', '12']}"));
        assertThat(eval("{$regexFind: {input: 'abc', regex: 'z'}}")).isEqualTo(BsonNull.VALUE);
        assertThat(eval("{$regexFindAll: {input: 'a1b2', regex: '\\\\d'}}"))
                .isEqualTo(v("[{match: '1', idx: 1, captures: []}, {match: '2', idx: 3, captures: []}]"));
        failsWith(51111, "{$regexMatch: {input: 'a', regex: '('}}");
        failsWith(51108, "{$regexMatch: {input: 'a', regex: 'a', options: 'q'}}");
        failsWith(31023, "{$regexMatch: {input: 'a'}}");
        failsWith(51104, "{$regexMatch: {input: 5, regex: 'a'}}");
        assertThat(eval("{$replaceOne: {input: 'a-b-c', find: '-', replacement: '+'}}")).isEqualTo(v("'a+b-c'"));
        assertThat(eval("{$replaceAll: {input: 'a-b-c', find: '-', replacement: '+'}}")).isEqualTo(v("'a+b+c'"));
        assertThat(eval("{$replaceAll: {input: null, find: '-', replacement: '+'}}")).isEqualTo(BsonNull.VALUE);
        failsWith(51746, "{$replaceAll: {input: 1, find: '-', replacement: '+'}}");
    }
}
