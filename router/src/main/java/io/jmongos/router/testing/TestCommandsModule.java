package io.jmongos.router.testing;

import io.jmongos.router.ClusterRole;
import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.param.ServerParameters;

/** Plugs the test commands into the router (ServiceLoader); they install only with enableTestCommands=1. */
public final class TestCommandsModule implements RouterModule {
    /** Installed after the other modules; puts its interceptor at the head of the chain itself. */
    private static final int ORDER = 1000;

    @Override
    public int order() {
        return ORDER;
    }

    /** Every role: fail points serve tests of shard servers too. */
    @Override
    public boolean serves(ClusterRole role) {
        return true;
    }

    @Override
    public void registerParameters(ServerParameters parameters) {
        TestCommands.registerParameters(parameters);
    }

    @Override
    public void install(RouterServices services) {
        TestCommands.installIfEnabled(services);
    }
}
