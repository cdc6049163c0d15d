package io.jmongos.router.frontend.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import io.jmongos.router.RouterModule;
import io.jmongos.router.param.ServerParameters;

class ProxyProtocolModuleTest {
    @Test
    void moduleIsFoundAndRegistersTheParameters() {
        ServerParameters parameters = new ServerParameters();
        ServiceLoader.load(RouterModule.class).stream()
                .filter(p -> p.type() == ProxyProtocolModule.class)
                .findFirst().orElseThrow().get().registerParameters(parameters);
        assertThat(parameters.getInt(ProxyProtocolParameters.TIMEOUT_SECS)).isEqualTo(10);
        assertThat(parameters.getInt(ProxyProtocolParameters.MAX_HEADER_BYTES)).isEqualTo(4096);
        assertThat(parameters.definition(ProxyProtocolParameters.TIMEOUT_SECS).settableAtRuntime()).isTrue();
        assertThat(parameters.definition(ProxyProtocolParameters.TIMEOUT_SECS).settableAtStartup()).isTrue();
    }
}
