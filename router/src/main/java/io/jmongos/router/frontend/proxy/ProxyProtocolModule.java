package io.jmongos.router.frontend.proxy;

import io.jmongos.router.ClusterRole;
import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.param.ServerParameters;

/**
 * Registers the PROXY gate's parameters ({@code proxyProtocolTimeoutSecs}, {@code proxyProtocolMaxHeaderBytes})
 * at startup. The frontend creates the gate, the detector and the {@link ProxyProtocolMetrics} section itself.
 */
public final class ProxyProtocolModule implements RouterModule {
    /** Every role: the main port of every role detects and refuses PROXY headers. */
    @Override
    public boolean serves(ClusterRole role) {
        return true;
    }

    @Override
    public void registerParameters(ServerParameters parameters) {
        if (!parameters.isDefined(ProxyProtocolParameters.TIMEOUT_SECS)) {
            ProxyProtocolParameters.register(parameters);
            ProxyTrustedSources.register(parameters);
        }
    }

    @Override
    public void install(RouterServices services) {
        // Nothing to install: the frontend reads the parameters through ProxyProtocolParameters.live.
    }
}
