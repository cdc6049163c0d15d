package io.jmongos.engine.agg;

import static io.jmongos.engine.agg.PipelineTestSupport.docs;
import static io.jmongos.engine.agg.PipelineTestSupport.fails;
import static io.jmongos.engine.agg.PipelineTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class FacetBucketTest {
    private static final String[] IN = {
        "{_id: 1, p: 5, t: 'a'}", "{_id: 2, p: 15, t: 'b'}", "{_id: 3, p: 25, t: 'a'}", "{_id: 4, p: 'free', t: 'a'}",
        "{_id: 5, t: 'c'}",
    };

    @Test
    void facetRunsEverySubPipelineOnAllInput() {
        assertThat(run("[{$facet: {count: [{$count: 'n'}], cheap: [{$match: {p: {$lt: 10}}}, {$project: {_id: 1}}],"
                + " none: [{$match: {p: 1000}}]}}]", IN))
                .isEqualTo(docs("{count: [{n: 5}], cheap: [{_id: 1}], none: []}"));
        assertThat(run("[{$facet: {a: [{$count: 'n'}]}}]")).isEqualTo(docs("{a: []}"));
        fails(40169, "[{$facet: {}}]");
        fails(40170, "[{$facet: {a: 1}}]");
    }

    @Test
    void bucketWithDefaultAndOutput() {
        assertThat(run("[{$bucket: {groupBy: '$p', boundaries: [0, 10, 20, 30], default: 'other'}}]", IN))
                .isEqualTo(docs("{_id: 0, count: 1}", "{_id: 10, count: 1}", "{_id: 20, count: 1}",
                        "{_id: 'other', count: 2}"));
        assertThat(run("[{$bucket: {groupBy: '$p', boundaries: [0, 20, 30], default: 99, "
                + "output: {ids: {$push: '$_id'}, total: {$sum: '$p'}}}}]", IN))
                .isEqualTo(docs("{_id: 0, ids: [1, 2], total: 20}", "{_id: 20, ids: [3], total: 25}",
                        "{_id: 99, ids: [4, 5], total: 0}"));
    }

    @Test
    void bucketErrors() {
        fails(40066, "[{$bucket: {groupBy: '$p', boundaries: [0, 10]}}]", "{p: 50}");
        fails(40192, "[{$bucket: {groupBy: '$p', boundaries: [0]}}]");
        fails(40193, "[{$bucket: {groupBy: '$p', boundaries: [0, 'a']}}]");
        fails(40194, "[{$bucket: {groupBy: '$p', boundaries: [5, 1]}}]");
        fails(40199, "[{$bucket: {groupBy: '$p', boundaries: [0, 10], default: 5}}]");
        fails(40198, "[{$bucket: {groupBy: '$p'}}]");
        fails(40197, "[{$bucket: {groupBy: '$p', boundaries: [0, 1], x: 1}}]");
        fails(40202, "[{$bucket: {groupBy: 'p', boundaries: [0, 1]}}]");
    }

    @Test
    void sortByCount() {
        assertThat(run("[{$sortByCount: '$t'}]", IN))
                .isEqualTo(docs("{_id: 'a', count: 3}", "{_id: 'b', count: 1}", "{_id: 'c', count: 1}"));
        assertThat(run("[{$sortByCount: {$gt: ['$p', 10]}}]", IN).get(0))
                .isEqualTo(BsonDocument.parse("{_id: true, count: 3}"));
        fails(40147, "[{$sortByCount: 't'}]");
    }

    @Test
    void sampleReturnsDistinctInputDocuments() {
        List<BsonDocument> out = run("[{$sample: {size: 3}}]", IN);
        assertThat(out).hasSize(3).doesNotHaveDuplicates().isSubsetOf(docs(IN));
        assertThat(run("[{$sample: {size: 10}}]", IN)).hasSize(5);
        fails(28749, "[{$sample: {}}]");
        fails(28747, "[{$sample: {size: -1}}]");
        fails(28747, "[{$sample: {size: -1.5}}]");
        // MongoDB 7 truncates a fractional size toward zero: 2.9 is 2, -0.5 is 0
        assertThat(run("[{$sample: {size: 2.9}}]", IN)).hasSize(2);
        assertThat(run("[{$sample: {size: -0.5}}]", IN)).isEmpty();
        fails(28746, "[{$sample: {size: 'x'}}]");
        fails(28748, "[{$sample: {size: 1, x: 1}}]");
    }
}
