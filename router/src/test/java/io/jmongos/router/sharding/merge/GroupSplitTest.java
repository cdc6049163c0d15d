package io.jmongos.router.sharding.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

import io.jmongos.engine.agg.Pipeline;

/**
 * A split $group gives what the whole $group gives: the shard part run on each "shard"'s documents by the engine,
 * the router part over their union, compared with the unsplit group over all documents.
 */
class GroupSplitTest {
    private static final List<BsonDocument> SHARD_A = docs("{g: 1, v: 2}", "{g: 1, v: 4.5}", "{g: 2, v: 'x'}",
            "{g: 2}");
    private static final List<BsonDocument> SHARD_B = docs("{g: 1, v: 10}", "{g: 3, v: -1}", "{g: 2, v: 7}");

    private static List<BsonDocument> docs(String... json) {
        List<BsonDocument> out = new ArrayList<>();
        for (String j : json) {
            out.add(BsonDocument.parse(j));
        }
        return out;
    }

    private static List<BsonDocument> run(BsonArray stages, List<BsonDocument> in) {
        Iterator<BsonDocument> it = Pipeline.compile(stages, new RouterPipelineContext("db")).execute(in.iterator());
        List<BsonDocument> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static BsonArray stages(BsonDocument... s) {
        BsonArray a = new BsonArray();
        for (BsonDocument d : s) {
            a.add(d);
        }
        return a;
    }

    @Test
    void splitGroupsGiveTheUnsplitAnswer() {
        BsonDocument group = BsonDocument.parse("{_id: '$g', n: {$sum: 1}, total: {$sum: '$v'}, low: {$min: '$v'},"
                + " high: {$max: '$v'}, avg: {$avg: '$v'}, c: {$count: {}}}");
        BsonDocument sort = BsonDocument.parse("{$sort: {_id: 1}}");
        List<BsonDocument> all = new ArrayList<>(SHARD_A);
        all.addAll(SHARD_B);
        List<BsonDocument> whole = run(stages(new BsonDocument("$group", group), sort), all);

        GroupSplit.Parts parts = GroupSplit.split(group);
        List<BsonDocument> partial = new ArrayList<>(run(stages(new BsonDocument("$group", parts.shardGroup())),
                SHARD_A));
        partial.addAll(run(stages(new BsonDocument("$group", parts.shardGroup())), SHARD_B));
        BsonArray router = parts.routerStages().clone();
        router.add(sort);
        assertThat(run(router, partial)).isEqualTo(whole);
        assertThat(whole).hasSize(3);
    }

    @Test
    void orderDependentOrArrayAccumulatorsAreNotSplit() {
        for (String acc : List.of("{$first: '$v'}", "{$push: '$v'}", "{$addToSet: '$v'}", "{$last: '$v'}")) {
            assertThat(GroupSplit.split(BsonDocument.parse("{_id: 1, x: " + acc + "}"))).as(acc).isNull();
        }
        BsonValue id = GroupSplit.split(BsonDocument.parse("{_id: null, n: {$sum: 1}}")).shardGroup().get("_id");
        assertThat(id.isNull()).isTrue();
    }
}
