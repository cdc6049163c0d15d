package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** Codes, code names and message prefixes as MongoDB 7 gives them (issue 15, error fidelity). */
class ErrorFidelityTest extends EngineTestBase {
    private String message(BsonDocument reply) {
        return reply.getString("errmsg").getValue();
    }

    @Test
    void runtimeErrorsCarryTheExecutorPrefixes() {
        ok("{insert: 'c', documents: [{_id: 1, s: 'x', n: 0}]}");
        BsonDocument agg = run("{aggregate: 'c', pipeline: [{$project: {q: {$divide: [1, '$n']}}}], cursor: {}}");
        assertThat(message(agg)).startsWith("PlanExecutor error during aggregation :: caused by :: ");
        assertThat(agg.getInt32("code").getValue()).isNotIn(0, 1);
        BsonDocument find = run("{find: 'c', filter: {$expr: {$divide: [1, '$n']}}}");
        assertThat(message(find)).startsWith("Executor error during find command :: caused by :: ");
        assertThat(find.getInt32("code")).isEqualTo(agg.getInt32("code"));
        BsonDocument fam = fails("{findAndModify: 'c', query: {_id: 1}, update: {$inc: {s: 1}}}", 14);
        assertThat(message(fam)).startsWith("Plan executor error during findAndModify :: caused by :: Cannot apply "
                + "$inc to a value of non-numeric type.");
        // parse errors are not executor errors: no prefix
        BsonDocument parse = fails("{aggregate: 'c', pipeline: [{$bogus: 1}], cursor: {}}", 40324);
        assertThat(message(parse)).startsWith("Unrecognized pipeline stage name");
    }

    @Test
    void codesMongoDbUsesForTheseRefusals() {
        ok("{insert: 'c', documents: [{_id: 1, a: {b: 1}}]}");
        fails("{aggregate: 'c', pipeline: [{$project: {x: {$rand: {a: 1}}}}], cursor: {}}", 3040501);
        fails("{aggregate: 'c', pipeline: [{$project: {x: {$rand: [1]}}}], cursor: {}}", 3040501);
        fails("{aggregate: 'c', pipeline: [{$project: {x: {$rand: 1}}}], cursor: {}}", 10065);
        ok("{aggregate: 'c', pipeline: [{$project: {x: {$rand: []}}}], cursor: {}}");
        fails("{aggregate: 'c', pipeline: [{$project: {x: '$$nope'}}], cursor: {}}", 17276);
        fails("{aggregate: 'c', pipeline: [{$addFields: {x: '$a.'}}], cursor: {}}", 40353);
        fails("{aggregate: 'c', pipeline: [{$sort: {'a.': 1}}], cursor: {}}", 40353);
        fails("{find: 'c', sort: {'a.': 1}}", 40353);
        BsonDocument merge = fails("{aggregate: 'c', pipeline: [{$merge: {into: 'out', whenNotMatched: 'fail'}}], "
                + "cursor: {}}", 13113);
        assertThat(merge.getString("codeName").getValue()).isEqualTo("MergeStageNoMatchingDocument");
    }

    @Test
    void uuidValuesInMessagesPrintAsMongoDbPrintsThem() {
        ok("{insert: 'u', documents: [{_id: {$binary: {base64: 'AAECAwQFBgcICQoLDA0ODw==', subType: '04'}}}]}");
        BsonDocument r = run("{insert: 'u', documents: [{_id: {$binary: {base64: 'AAECAwQFBgcICQoLDA0ODw==', "
                + "subType: '04'}}}]}");
        String msg = r.getArray("writeErrors").get(0).asDocument().getString("errmsg").getValue();
        assertThat(msg).endsWith("dup key: { _id: UUID(\"00010203-0405-0607-0809-0a0b0c0d0e0f\") }");
    }
}
