package io.jmongos.router.conn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class ClientConnectionStateTest {
    @Test
    void addressTextIsFormattedOnceAndRemadeWhenAProxyHeaderNamesTheClient() {
        ClientConnectionState c = new ClientConnectionState(1, new InetSocketAddress("10.0.0.1", 40000),
                new InetSocketAddress("127.0.0.1", 27017), true);
        assertThat(c.clientAddressText()).isEqualTo("10.0.0.1:40000");
        assertThat(c.clientAddressText()).isSameAs(c.clientAddressText());
        assertThat(c.proxyAddressText()).isNull();

        c.setProxiedClient(new InetSocketAddress("2001:db8::5", 5555));
        assertThat(c.clientAddressText()).isEqualTo("[2001:db8:0:0:0:0:0:5]:5555")
                .isEqualTo(ClientConnectionState.format(c.clientAddress()));
        assertThat(c.proxyAddressText()).isEqualTo("10.0.0.1:40000").isSameAs(c.proxyAddressText());
    }
}
