package io.jmongos.engine.agg;

import static io.jmongos.engine.agg.PipelineTestSupport.docs;
import static io.jmongos.engine.agg.PipelineTestSupport.fails;
import static io.jmongos.engine.agg.PipelineTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnwindStageTest {
    private static final String[] IN = {
        "{_id: 1, a: [1, 2]}", "{_id: 2, a: []}", "{_id: 3, a: null}", "{_id: 4}", "{_id: 5, a: 'x'}",
    };

    @Test
    void plainPath() {
        assertThat(run("[{$unwind: '$a'}]", IN))
                .isEqualTo(docs("{_id: 1, a: 1}", "{_id: 1, a: 2}", "{_id: 5, a: 'x'}"));
    }

    @Test
    void preserveNullAndEmptyArraysAndIndex() {
        assertThat(run("[{$unwind: {path: '$a', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true}}]", IN))
                .isEqualTo(docs("{_id: 1, a: 1, i: {$numberLong: '0'}}", "{_id: 1, a: 2, i: {$numberLong: '1'}}",
                        "{_id: 2, i: null}", "{_id: 3, a: null, i: null}", "{_id: 4, i: null}",
                        "{_id: 5, a: 'x', i: null}"));
        assertThat(run("[{$unwind: {path: '$a', includeArrayIndex: 'i'}}]", IN))
                .isEqualTo(docs("{_id: 1, a: 1, i: {$numberLong: '0'}}", "{_id: 1, a: 2, i: {$numberLong: '1'}}",
                        "{_id: 5, a: 'x', i: null}"));
    }

    @Test
    void nestedPathsDoNotTraverseArrays() {
        assertThat(run("[{$unwind: '$x.y'}]", "{x: {y: [1, 2], z: 0}}"))
                .isEqualTo(docs("{x: {y: 1, z: 0}}", "{x: {y: 2, z: 0}}"));
        assertThat(run("[{$unwind: '$x.y'}]", "{x: [{y: [1, 2]}]}")).isEmpty();
    }

    @Test
    void errors() {
        fails(28818, "[{$unwind: 'a'}]");
        fails(28812, "[{$unwind: {includeArrayIndex: 'i'}}]");
        fails(28811, "[{$unwind: {path: '$a', bogus: 1}}]");
        fails(28809, "[{$unwind: {path: '$a', preserveNullAndEmptyArrays: 1}}]");
        fails(28822, "[{$unwind: {path: '$a', includeArrayIndex: '$i'}}]");
        fails(15981, "[{$unwind: 1}]");
    }
}
