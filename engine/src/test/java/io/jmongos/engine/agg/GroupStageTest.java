package io.jmongos.engine.agg;

import static io.jmongos.engine.agg.PipelineTestSupport.docs;
import static io.jmongos.engine.agg.PipelineTestSupport.fails;
import static io.jmongos.engine.agg.PipelineTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.junit.jupiter.api.Test;

class GroupStageTest {
    private static final String[] SALES = {
        "{_id: 1, item: 'a', qty: 2, price: 10, tags: ['x']}",
        "{_id: 2, item: 'b', qty: 1, price: 20.5, tags: ['y', 'x']}",
        "{_id: 3, item: 'a', qty: 5, price: 10}",
        "{_id: 4, item: 'c', price: 'n/a'}",
    };

    @Test
    void accumulators() {
        List<BsonDocument> out = run("[{$group: {_id: '$item', n: {$count: {}}, qty: {$sum: '$qty'}, "
                + "avg: {$avg: '$price'}, min: {$min: '$qty'}, max: {$max: '$price'}, first: {$first: '$_id'}, "
                + "last: {$last: '$qty'}, ids: {$push: '$_id'}, tags: {$addToSet: '$tags'}}}]", SALES);
        assertThat(out).isEqualTo(docs(
                "{_id: 'a', n: 2, qty: 7, avg: 10.0, min: 2, max: 10, first: 1, last: 5, ids: [1, 3], tags: [['x']]}",
                "{_id: 'b', n: 1, qty: 1, avg: 20.5, min: 1, max: 20.5, first: 2, last: 1, ids: [2], "
                        + "tags: [['y', 'x']]}",
                "{_id: 'c', n: 1, qty: 0, avg: null, min: null, max: 'n/a', first: 4, last: null, ids: [4], "
                        + "tags: []}"));
    }

    @Test
    void sumPromotesMixedNumericTypes() {
        assertThat(run("[{$group: {_id: null, s: {$sum: '$v'}}}]", "{v: 1}", "{v: 2}").get(0).get("s"))
                .isEqualTo(new BsonInt32(3));
        assertThat(run("[{$group: {_id: null, s: {$sum: '$v'}}}]", "{v: 2147483647}", "{v: 1}").get(0).get("s"))
                .isEqualTo(new BsonInt64(2147483648L));
        assertThat(run("[{$group: {_id: null, s: {$sum: '$v'}}}]", "{v: 1}", "{v: {$numberLong: '2'}}").get(0)
                .get("s")).isEqualTo(new BsonInt64(3));
        assertThat(run("[{$group: {_id: null, s: {$sum: '$v'}}}]", "{v: 1}", "{v: 0.5}").get(0).get("s"))
                .isEqualTo(new BsonDouble(1.5));
        assertThat(run("[{$group: {_id: null, s: {$sum: '$v'}}}]", "{v: {$numberLong: '9223372036854775807'}}",
                "{v: 1}").get(0).get("s")).isInstanceOf(BsonDouble.class);
        assertThat(run("[{$group: {_id: null, s: {$sum: '$v'}, a: {$avg: '$v'}}}]", "{v: 1}",
                "{v: {$numberDecimal: '0.5'}}", "{v: 2.5}").get(0))
                .isEqualTo(BsonDocument.parse("{_id: null, s: {$numberDecimal: '4.0'}, "
                        + "a: {$numberDecimal: '1.333333333333333333333333333333333'}}"));
        assertThat(run("[{$group: {_id: null, s: {$sum: 0.1}}}]", "{}", "{}", "{}").get(0).get("s"))
                .isEqualTo(new BsonDouble(0.30000000000000004));
    }

    @Test
    void groupKeysUseValueEquality() {
        assertThat(run("[{$group: {_id: '$k', n: {$sum: 1}}}]", "{k: 1}", "{k: 1.0}", "{k: {$numberLong: '1'}}",
                "{k: null}", "{}")).isEqualTo(docs("{_id: 1, n: 3}", "{_id: null, n: 2}"));
        assertThat(run("[{$group: {_id: {a: '$a', b: '$b'}, n: {$sum: 1}}}]", "{a: 1, b: 2}", "{a: 1, b: 2}",
                "{a: 1}")).isEqualTo(docs("{_id: {a: 1, b: 2}, n: 2}", "{_id: {a: 1}, n: 1}"));
        assertThat(run("[{$group: {_id: {}, n: {$sum: 1}}}]", "{a: 1}", "{a: 2}")).isEqualTo(docs("{_id: {}, n: 2}"));
        assertThat(run("[{$group: {_id: null, set: {$addToSet: '$v'}}}]", "{v: 1}", "{v: 1.0}", "{v: 2}")
                .get(0).get("set")).isEqualTo(BsonDocument.parse("{a: [1, 2]}").get("a"));
    }

    @Test
    void mergeObjectsAndStdDev() {
        assertThat(run("[{$group: {_id: null, m: {$mergeObjects: '$o'}, p: {$stdDevPop: '$v'}, "
                + "s: {$stdDevSamp: '$v'}}}]", "{o: {a: 1}, v: 2}", "{o: {b: 2}, v: 4}", "{o: null, v: 'x'}").get(0))
                .isEqualTo(BsonDocument.parse("{_id: null, m: {a: 1, b: 2}, p: 1.0, s: 1.4142135623730951}"));
    }

    @Test
    void nAccumulatorsAndTopBottom() {
        String[] in = {"{g: 1, v: 3, s: 'c'}", "{g: 1, v: 1, s: 'a'}", "{g: 1, v: 2, s: 'b'}", "{g: 1, s: 'z'}"};
        assertThat(run("[{$group: {_id: '$g', f: {$firstN: {input: '$v', n: 2}}, l: {$lastN: {input: '$v', n: 2}},"
                + " mn: {$minN: {input: '$v', n: 2}}, mx: {$maxN: {input: '$v', n: 5}}}}]", in))
                .isEqualTo(docs("{_id: 1, f: [3, 1], l: [2, null], mn: [1, 2], mx: [3, 2, 1]}"));
        assertThat(run("[{$group: {_id: '$g', t: {$top: {sortBy: {v: -1}, output: '$s'}}, "
                + "b: {$bottom: {sortBy: {v: -1}, output: '$s'}}, tn: {$topN: {n: 2, sortBy: {s: 1}, output: '$v'}},"
                + " bn: {$bottomN: {n: 2, sortBy: {s: 1}, output: '$s'}}}}]", in))
                .isEqualTo(docs("{_id: 1, t: 'c', b: 'z', tn: [1, 2], bn: ['c', 'z']}"));
        fails(5787908, "[{$group: {_id: null, f: {$firstN: {input: '$v', n: 0}}}}]");
        fails(5787906, "[{$group: {_id: null, f: {$topN: {n: 1, output: '$v'}}}}]");
    }

    @Test
    void groupErrors() {
        fails(15955, "[{$group: {n: {$sum: 1}}}]");
        fails(15952, "[{$group: {_id: null, n: {$nope: 1}}}]").hasMessage("unknown group operator '$nope'");
        fails(40234, "[{$group: {_id: null, n: 1}}]");
        fails(40238, "[{$group: {_id: null, n: {$sum: 1, $avg: 1}}}]");
        fails(40237, "[{$group: {_id: null, n: {$sum: [1, 2]}}}]");
        fails(40235, "[{$group: {_id: null, 'a.b': {$sum: 1}}}]");
        fails(15947, "[{$group: 1}]");
        fails(40400, "[{$group: {_id: null, m: {$mergeObjects: '$v'}}}]", "{v: 1}");
    }
}
