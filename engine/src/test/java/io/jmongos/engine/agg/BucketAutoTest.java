package io.jmongos.engine.agg;

import static io.jmongos.engine.agg.PipelineTestSupport.docs;
import static io.jmongos.engine.agg.PipelineTestSupport.fails;
import static io.jmongos.engine.agg.PipelineTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** $bucketAuto, filled as MongoDB's DocumentSourceBucketAuto fills its buckets. */
class BucketAutoTest {
    private static String[] values(String... v) {
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = "{_id: " + i + ", v: " + v[i] + "}";
        }
        return out;
    }

    @Test
    void evenBucketsWithTheLastTakingTheRest() {
        assertThat(run("[{$bucketAuto: {groupBy: '$v', buckets: 3}}]",
                values("10", "9", "8", "7", "6", "5", "4", "3", "2", "1")))
                .isEqualTo(docs("{_id: {min: 1, max: 4}, count: 3}", "{_id: {min: 4, max: 7}, count: 3}",
                        "{_id: {min: 7, max: 10}, count: 4}"));
    }

    @Test
    void equalValuesStayInOneBucket() {
        assertThat(run("[{$bucketAuto: {groupBy: '$v', buckets: 2}}]", values("1", "1", "1", "1", "2")))
                .isEqualTo(docs("{_id: {min: 1, max: 2}, count: 4}", "{_id: {min: 2, max: 2}, count: 1}"));
        assertThat(run("[{$bucketAuto: {groupBy: '$v', buckets: 2}}]", values("1", "1", "1", "2", "3")))
                .isEqualTo(docs("{_id: {min: 1, max: 2}, count: 3}", "{_id: {min: 2, max: 3}, count: 2}"));
    }

    @Test
    void moreBucketsThanDocumentsMissingIsNullAndOutputs() {
        assertThat(run("[{$bucketAuto: {groupBy: '$v', buckets: 5}}]", values("2", "1")))
                .isEqualTo(docs("{_id: {min: 1, max: 2}, count: 1}", "{_id: {min: 2, max: 2}, count: 1}"));
        assertThat(run("[{$bucketAuto: {groupBy: '$v', buckets: 1, output: {ids: {$push: '$_id'}, "
                + "top: {$max: '$w'}}}}]", "{_id: 1}", "{_id: 2, v: 3}"))
                .isEqualTo(docs("{_id: {min: null, max: 3}, ids: [1, 2], top: null}"));
        assertThat(run("[{$bucketAuto: {groupBy: '$v', buckets: 2}}]")).isEmpty();
    }

    @Test
    void refusals() {
        fails(40240, "[{$bucketAuto: 1}]");
        fails(40246, "[{$bucketAuto: {groupBy: '$v'}}]");
        fails(40241, "[{$bucketAuto: {groupBy: '$v', buckets: 'x'}}]");
        fails(40242, "[{$bucketAuto: {groupBy: '$v', buckets: 1.5}}]");
        fails(40243, "[{$bucketAuto: {groupBy: '$v', buckets: 0}}]");
        fails(40239, "[{$bucketAuto: {groupBy: 'v', buckets: 2}}]");
        fails(40244, "[{$bucketAuto: {groupBy: '$v', buckets: 2, output: 1}}]");
        fails(40245, "[{$bucketAuto: {groupBy: '$v', buckets: 2, x: 1}}]");
        fails(238, "[{$bucketAuto: {groupBy: '$v', buckets: 2, granularity: 'R5'}}]");
    }
}
