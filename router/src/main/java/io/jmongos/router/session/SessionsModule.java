package io.jmongos.router.session;

import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.param.ServerParameters;

/**
 * Plugs cursors, sessions, transactions and currentOp into the router (found with ServiceLoader through
 * META-INF/services/io.jmongos.router.RouterModule). Runs after the core commands, which it partly replaces.
 */
public final class SessionsModule implements RouterModule {
    /** After the router's defaults, before modules that might wrap the data commands again. */
    private static final int ORDER = 50;

    private volatile SessionServices services;

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void registerParameters(ServerParameters parameters) {
        SessionParameters.register(parameters);
    }

    @Override
    public void install(RouterServices router) {
        services = SessionServices.install(router);
    }

    @Override
    public void close() {
        SessionServices s = services;
        if (s != null) {
            s.close();
        }
    }
}
