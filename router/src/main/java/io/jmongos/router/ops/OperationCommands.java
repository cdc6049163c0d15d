package io.jmongos.router.ops;

import io.jmongos.router.RouterServices;

/**
 * Registers currentOp and killOp, and the aggregation stages the router answers from its own state:
 * {@code $currentOp}, {@code $listLocalSessions} and {@code $listSessions}.
 */
public final class OperationCommands {
    private OperationCommands() {
    }

    public static void install(RouterServices router) {
        router.commands().register(new CurrentOpCommand());
        router.commands().register(new KillOpCommand(router.operations()));
        router.routerStages().register(CurrentOpAggregation.STAGE, CurrentOpAggregation::run);
        router.routerStages().register(ListSessionsAggregation.LIST_LOCAL, ListSessionsAggregation::run);
        router.routerStages().register(ListSessionsAggregation.LIST, ListSessionsAggregation::run);
    }
}
