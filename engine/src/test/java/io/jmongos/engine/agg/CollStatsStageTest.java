package io.jmongos.engine.agg;

import static io.jmongos.engine.agg.PipelineTestSupport.fails;
import static io.jmongos.engine.agg.PipelineTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class CollStatsStageTest {
    private static FakePipelineContext withStats() {
        FakePipelineContext ctx = new FakePipelineContext();
        ctx.stats = BsonDocument.parse("{ns: 'test.c', count: 3, size: 99, capped: true, max: 0, maxSize: 4096}");
        return ctx;
    }

    @Test
    void storageStatsAndCountDescribeTheCollectionInOneDocument() {
        FakePipelineContext ctx = withStats();
        List<BsonDocument> out = run(ctx, "[{$collStats: {storageStats: {scale: 2}, count: {}}}]", "{_id: 1}",
                "{_id: 2}");
        assertThat(out).hasSize(1);
        BsonDocument d = out.get(0);
        assertThat(d.keySet()).containsExactly("ns", "host", "localTime", "storageStats", "count");
        assertThat(d.getString("ns").getValue()).isEqualTo("test.c");
        assertThat(d.isDateTime("localTime")).isTrue();
        assertThat(d.getDocument("storageStats").getInt32("maxSize").getValue()).isEqualTo(4096);
        assertThat(d.getInt32("count").getValue()).isEqualTo(3);
        assertThat(ctx.lastScale).isEqualTo(1);
    }

    @Test
    void theSpecTestPipelineProjectsCappedAndMaxSize() {
        List<BsonDocument> out = run(withStats(), "[{$collStats: {storageStats: {}}},"
                + " {$project: {capped: '$storageStats.capped', maxSize: '$storageStats.maxSize'}}]");
        assertThat(out).containsExactly(BsonDocument.parse("{capped: true, maxSize: 4096}"));
    }

    @Test
    void scaleIsPassedAndLatencyStatsReportZeros() {
        FakePipelineContext ctx = withStats();
        BsonDocument d = run(ctx, "[{$collStats: {storageStats: {scale: 1024.9}, latencyStats: {histograms: true},"
                + " queryExecStats: {}}}]").get(0);
        assertThat(ctx.lastScale).isEqualTo(1024);
        assertThat(d.getDocument("latencyStats").getDocument("reads").getInt64("ops").getValue()).isZero();
        assertThat(d.containsKey("queryExecStats")).isTrue();
        assertThat(d.containsKey("count")).isFalse();
        BsonDocument plain = run(ctx, "[{$collStats: {}}]").get(0);
        assertThat(plain.keySet()).containsExactly("ns", "host", "localTime");
    }

    @Test
    void malformedOrMisplacedStagesFail() {
        fails(5447000, "[{$collStats: 1}]");
        fails(40415, "[{$collStats: {bogus: {}}}]");
        fails(14, "[{$collStats: {storageStats: 1}}]");
        fails(51024, "[{$collStats: {storageStats: {scale: 0}}}]");
        fails(40602, "[{$match: {}}, {$collStats: {}}]");
        fails(40600, "[{$facet: {a: [{$collStats: {}}]}}]");
        fails(40602, "[{$lookup: {from: 'x', pipeline: [{$collStats: {}}], as: 'a'}}]");
    }

    @Test
    void aMissingCollectionFailsWithNamespaceNotFound() {
        fails(new FakePipelineContext(), 26, "[{$collStats: {storageStats: {}}}]")
                .hasMessageContaining("Unable to retrieve storageStats in $collStats stage :: caused by :: "
                        + "Collection [test.c] not found.");
        fails(new FakePipelineContext(), 26, "[{$collStats: {count: {}}}]");
        assertThat(run(new FakePipelineContext(), "[{$collStats: {latencyStats: {}}}]")).hasSize(1);
    }
}
