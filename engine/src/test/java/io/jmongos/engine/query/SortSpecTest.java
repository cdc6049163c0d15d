package io.jmongos.engine.query;

import static io.jmongos.engine.query.Q.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.common.CommandFailedException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class SortSpecTest {
    private static List<Integer> sortIds(String spec, String... docs) {
        List<BsonDocument> list = new ArrayList<>();
        for (String d : docs) {
            list.add(doc(d));
        }
        list.sort(SortSpec.compile(doc(spec)).comparator());
        List<Integer> ids = new ArrayList<>();
        list.forEach(d -> ids.add(d.getInt32("_id").getValue()));
        return ids;
    }

    @Test
    void parsesFieldsAndDirections() {
        SortSpec s = SortSpec.compile(doc("{a: 1, 'b.c': -1.0, $natural: -1}"));
        assertThat(s.fields()).hasSize(2);
        assertThat(s.fields().get(0).path().dotted()).isEqualTo("a");
        assertThat(s.fields().get(0).direction()).isEqualTo(1);
        assertThat(s.fields().get(1).path().dotted()).isEqualTo("b.c");
        assertThat(s.fields().get(1).ascending()).isFalse();
        assertThat(s.naturalDirection()).isEqualTo(-1);
        assertThat(SortSpec.compile(null).isEmpty()).isTrue();
    }

    @Test
    void mixedTypesFollowBsonOrderAndMissingIsNull() {
        assertThat(sortIds("{a: 1}", "{_id: 1, a: 'x'}", "{_id: 2, a: 2}", "{_id: 3}", "{_id: 4, a: null}",
                "{_id: 5, a: 1.5}", "{_id: 6, a: {}}", "{_id: 7, a: MinKey}"))
                .containsExactly(7, 3, 4, 5, 2, 1, 6);
    }

    @Test
    void arraysSortByMinAscendingAndMaxDescending() {
        String[] docs = {"{_id: 1, a: [1, 10]}", "{_id: 2, a: [5]}", "{_id: 3, a: 3}", "{_id: 4, a: []}"};
        assertThat(sortIds("{a: 1}", docs)).containsExactly(4, 1, 3, 2);
        assertThat(sortIds("{a: -1}", docs)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void dottedPathsThroughArrays() {
        assertThat(sortIds("{'a.b': 1}", "{_id: 1, a: [{b: 5}, {b: 2}]}", "{_id: 2, a: {b: 3}}",
                "{_id: 3, a: [{c: 1}]}")).containsExactly(3, 1, 2);
    }

    @Test
    void compoundKeysAndStability() {
        assertThat(sortIds("{a: 1, b: -1}", "{_id: 1, a: 1, b: 1}", "{_id: 2, a: 1, b: 2}", "{_id: 3, a: 0}"))
                .containsExactly(3, 2, 1);
        assertThat(sortIds("{a: 1}", "{_id: 1, a: 1}", "{_id: 2, a: 1.0}", "{_id: 3, a: NumberLong(1)}"))
                .containsExactly(1, 2, 3);
    }

    @Test
    void badSpecs() {
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
                () -> SortSpec.compile(doc("{a: 'x'}")));
        assertThat(e.code()).isEqualTo(15974);
        e = catchThrowableOfType(CommandFailedException.class, () -> SortSpec.compile(doc("{a: 2}")));
        assertThat(e.code()).isEqualTo(15975);
        assertThat(e.getMessage()).isEqualTo("$sort key ordering must be 1 (for ascending) or -1 (for descending)");
        e = catchThrowableOfType(CommandFailedException.class, () -> SortSpec.compile(doc("{a: {$foo: 1}}")));
        assertThat(e.code()).isEqualTo(17312);
        e = catchThrowableOfType(CommandFailedException.class, () -> SortSpec.compile(doc("{'a..b': 1}")));
        assertThat(e.code()).isEqualTo(15998);
    }
}
