package io.jmongos.router.testing;

import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.param.ServerParameters;

/** Plugs the test commands into the router (ServiceLoader); they install only with enableTestCommands=1. */
public final class TestCommandsModule implements RouterModule {
    /** After the session layer (order 50), so the failCommand interceptor is the innermost one. */
    private static final int ORDER = 1000;

    @Override
    public int order() {
        return ORDER;
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
