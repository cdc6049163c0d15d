package io.jmongos.engine.agg;

import static io.jmongos.engine.agg.PipelineTestSupport.docs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.agg.expr.Variables;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class PipelineApiTest {
    private static Pipeline compile(String json) {
        return Pipeline.compile(BsonArray.parse(json), new FakePipelineContext());
    }

    @Test
    void leadingMatchAndSortForPushdown() {
        Pipeline p = compile("[{$match: {a: 1}}, {$sort: {b: -1}}, {$limit: 2}, {$project: {b: 1}}]");
        assertThat(p.leadingMatchFilter()).isEqualTo(BsonDocument.parse("{a: 1}"));
        assertThat(p.leadingSort()).isEqualTo(BsonDocument.parse("{b: -1}"));
        assertThat(compile("[{$sort: {b: 1}}]").leadingSort()).isEqualTo(BsonDocument.parse("{b: 1}"));
        assertThat(compile("[{$project: {a: 1}}, {$match: {a: 1}}]").leadingMatchFilter()).isNull();
        assertThat(compile("[{$project: {a: 1}}, {$sort: {a: 1}}]").leadingSort()).isNull();
        assertThat(compile("[{$match: {a: 1}}, {$out: 'x'}]").writesOutput()).isTrue();
        assertThat(p.writesOutput()).isFalse();
    }

    @Test
    void filtersUsingCommandLetAreOfferedToStorage() {
        FakePipelineContext ctx = new FakePipelineContext();
        ctx.let = BsonDocument.parse("{min: 1}");
        Pipeline p = Pipeline.compile(BsonArray.parse("[{$match: {$expr: {$gt: ['$a', '$$min']}}}, {$sort: {a: 1}}]"),
                ctx);
        assertThat(p.leadingMatchFilter()).isEqualTo(BsonDocument.parse("{$expr: {$gt: ['$a', '$$min']}}"));
        assertThat(p.leadingSort()).isEqualTo(BsonDocument.parse("{a: 1}"));
    }

    @Test
    void executeSkipsWhatStorageAlreadyDid() {
        Pipeline p = compile("[{$match: {a: 1}}, {$sort: {b: -1}}, {$limit: 2}]");
        // storage claims the input is matched and sorted: the pipeline must not reorder or refilter it
        List<BsonDocument> in = docs("{a: 2, b: 1}", "{a: 2, b: 5}", "{a: 2, b: 9}");
        List<BsonDocument> out = new ArrayList<>();
        p.execute(in.iterator(), true, true).forEachRemaining(out::add);
        assertThat(out).isEqualTo(docs("{a: 2, b: 1}", "{a: 2, b: 5}"));
        out.clear();
        p.execute(in.iterator()).forEachRemaining(out::add);
        assertThat(out).isEmpty();
    }

    @Test
    void executionIsLazy() {
        Pipeline p = compile("[{$project: {x: {$divide: [1, '$d']}}}]");
        var it = p.execute(docs("{d: 1}", "{d: 0}").iterator());
        assertThat(it.next()).isEqualTo(BsonDocument.parse("{x: 1.0}"));
        assertThatThrownBy(it::hasNext).isInstanceOf(CommandFailedException.class);
    }

    @Test
    void updatePipelines() {
        Pipeline p = Pipeline.compileUpdate(BsonArray.parse("[{$set: {n: {$add: ['$n', 1]}}}, {$unset: 'tmp'}]"));
        assertThat(p.applyToDocument(BsonDocument.parse("{_id: 1, n: 1, tmp: 0}"), Variables.empty()))
                .isEqualTo(BsonDocument.parse("{_id: 1, n: 2}"));
        assertThatThrownBy(() -> Pipeline.compileUpdate(BsonArray.parse("[{$match: {}}]")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("$match is not allowed to be used within an update");
    }

    @Test
    void commandLetAndNowAreVisible() {
        FakePipelineContext ctx = new FakePipelineContext();
        ctx.let = BsonDocument.parse("{factor: 3}");
        List<BsonDocument> out = new ArrayList<>();
        Pipeline.compile(BsonArray.parse("[{$project: {_id: 0, v: {$multiply: ['$v', '$$factor']}, "
                + "t: {$type: '$$NOW'}}}]"), ctx).execute(docs("{v: 2}").iterator()).forEachRemaining(out::add);
        assertThat(out).isEqualTo(docs("{v: 6, t: 'date'}"));
    }
}
