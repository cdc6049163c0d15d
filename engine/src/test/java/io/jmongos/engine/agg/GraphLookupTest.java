package io.jmongos.engine.agg;

import static io.jmongos.engine.agg.PipelineTestSupport.docs;
import static io.jmongos.engine.agg.PipelineTestSupport.fails;
import static io.jmongos.engine.agg.PipelineTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** $graphLookup's breadth-first search, as MongoDB's DocumentSourceGraphLookUp. */
class GraphLookupTest {
    /** Employees reporting to a manager by name: Dev -> Eliot -> Ron -> Andrew, Asya -> Ron. */
    private static FakePipelineContext employees() {
        return new FakePipelineContext().with("emp", "{_id: 1, name: 'Dev'}",
                "{_id: 2, name: 'Eliot', reportsTo: 'Dev'}", "{_id: 3, name: 'Ron', reportsTo: 'Eliot'}",
                "{_id: 4, name: 'Andrew', reportsTo: 'Eliot'}", "{_id: 5, name: 'Asya', reportsTo: 'Ron'}",
                "{_id: 6, name: 'Dan', reportsTo: 'Andrew'}");
    }

    @Test
    void walksTheChainWithDepthsAndMaxDepth() {
        String p = "[{$graphLookup: {from: 'emp', startWith: '$reportsTo', connectFromField: 'reportsTo', "
                + "connectToField: 'name', as: 'chain', depthField: 'd'}}, {$project: {'chain.name': 1, 'chain.d': 1}}]";
        assertThat(run(employees(), p, "{_id: 5, name: 'Asya', reportsTo: 'Ron'}"))
                .isEqualTo(docs("{_id: 5, chain: [{name: 'Ron', d: {$numberLong: '0'}}, {name: 'Eliot', d: "
                        + "{$numberLong: '1'}}, {name: 'Dev', d: {$numberLong: '2'}}]}"));
        String limited = "[{$graphLookup: {from: 'emp', startWith: '$reportsTo', connectFromField: 'reportsTo', "
                + "connectToField: 'name', as: 'chain', maxDepth: 1}}, {$project: {'chain._id': 1}}]";
        assertThat(run(employees(), limited, "{_id: 5, reportsTo: 'Ron'}"))
                .isEqualTo(docs("{_id: 5, chain: [{_id: 3}, {_id: 2}]}"));
    }

    @Test
    void arraysFanOutCyclesEndAndRestrictFilters() {
        String reports = "[{$graphLookup: {from: 'emp', startWith: '$name', connectFromField: 'name', "
                + "connectToField: 'reportsTo', as: 'team', restrictSearchWithMatch: {_id: {$ne: 4}}}}, "
                + "{$project: {'team._id': 1}}]";
        assertThat(run(employees(), reports, "{_id: 2, name: ['Eliot']}"))
                .isEqualTo(docs("{_id: 2, team: [{_id: 3}, {_id: 5}]}"));
        FakePipelineContext cycle = new FakePipelineContext().with("n", "{_id: 'a', to: 'b'}", "{_id: 'b', to: 'a'}");
        assertThat(run(cycle, "[{$graphLookup: {from: 'n', startWith: 'a', connectFromField: 'to', "
                + "connectToField: '_id', as: 'seen'}}]", "{_id: 0}"))
                .isEqualTo(docs("{_id: 0, seen: [{_id: 'a', to: 'b'}, {_id: 'b', to: 'a'}]}"));
        assertThat(run(employees(), "[{$graphLookup: {from: 'emp', startWith: '$none', connectFromField: 'x', "
                + "connectToField: 'reportsTo', as: 'r'}}]", "{_id: 9}")).isEqualTo(docs("{_id: 9, r: []}"));
    }

    @Test
    void refusals() {
        fails(9, "[{$graphLookup: 5}]");
        fails(40105, "[{$graphLookup: {from: 'emp', startWith: '$a', connectFromField: 'a', connectToField: 'b'}}]");
        fails(40104, "[{$graphLookup: {from: 'emp', startWith: '$a', connectFromField: 'a', connectToField: 'b', "
                + "as: 'x', zz: 1}}]");
        fails(40103, "[{$graphLookup: {from: 1, startWith: '$a', connectFromField: 'a', connectToField: 'b', "
                + "as: 'x'}}]");
        fails(40101, "[{$graphLookup: {from: 'emp', startWith: '$a', connectFromField: 'a', connectToField: 'b', "
                + "as: 'x', maxDepth: -1}}]");
        fails(40100, "[{$graphLookup: {from: 'emp', startWith: '$a', connectFromField: 'a', connectToField: 'b', "
                + "as: 'x', maxDepth: 'x'}}]");
        fails(40185, "[{$graphLookup: {from: 'emp', startWith: '$a', connectFromField: 'a', connectToField: 'b', "
                + "as: 'x', restrictSearchWithMatch: 1}}]");
    }
}
