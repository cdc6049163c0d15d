package io.jmongos.bench.scenario;

import java.util.List;

/** Every load scenario, in run order. */
public final class Scenarios {
    private Scenarios() {
    }

    public static List<Scenario> all() {
        return List.of(new PingScenario(), new InsertOneScenario(), new FindOneByIdScenario(),
                new FindByIndexScenario(), new UpdateIncScenario(), new TransactionScenario(), new MixedScenario(),
                new ConnectScenario(), new ConnectAuthScenario());
    }
}
