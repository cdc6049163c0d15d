package io.jmongos.bench.scenario;

import io.jmongos.bench.load.Operation;
import io.jmongos.bench.target.TargetKind;

/** A workload of the load generator, run at several thread counts on each target that supports it. */
public interface Scenario {
    /** Name used on the command line ({@code --only}) and in the results. */
    String name();

    /**
     * Whether the target is asked at all: the limit server only answers ping and the handshake, and the shard-server
     * and cluster targets measure only {@link TargetKind#measures their} scenarios.
     */
    default boolean supports(TargetKind kind) {
        return kind != TargetKind.LIMIT && kind.measures(name());
    }

    /** Set up before the loads (data, indexes); an exception marks the scenario unsupported on the target. */
    default void prepare(ScenarioContext ctx) throws Exception {
    }

    /** The operation the load threads repeat. */
    Operation operation(ScenarioContext ctx);

    /** After each load (drop what it inserted, so every load starts from the same state). */
    default void afterLoad(ScenarioContext ctx) {
    }
}
