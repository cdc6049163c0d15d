package io.jmongos.router.conn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Typed per-connection slots: made on first use or empty until set, one value per connection and slot. */
class ConnectionDecorationTest {
    private static final ConnectionDecoration<List<String>> MADE = ConnectionDecoration.declare("made",
            ArrayList::new);
    private static final ConnectionDecoration<Long> EMPTY = ConnectionDecoration.declareEmpty("empty");

    private static ClientConnectionState connection(long id) {
        return new ClientConnectionState(id, new InetSocketAddress("127.0.0.1", 40000), null, false);
    }

    @Test
    void aSlotWithAnInitialValueIsMadeOnFirstGetAndKept() {
        ClientConnectionState c = connection(1);
        assertThat(c.peek(MADE)).isNull();
        assertThat(c.has(MADE)).isFalse();
        List<String> first = c.get(MADE);
        first.add("x");
        assertThat(c.get(MADE)).isSameAs(first).containsExactly("x");
        assertThat(c.peek(MADE)).isSameAs(first);
        assertThat(c.has(MADE)).isTrue();
    }

    @Test
    void anEmptySlotHoldsWhatWasSetUntilRemoved() {
        ClientConnectionState c = connection(1);
        assertThat(c.get(EMPTY)).isNull();
        c.set(EMPTY, 42L);
        assertThat(c.get(EMPTY)).isEqualTo(42L);
        assertThat(c.remove(EMPTY)).isEqualTo(42L);
        assertThat(c.has(EMPTY)).isFalse();
        assertThat(c.remove(EMPTY)).isNull();
    }

    @Test
    void eachConnectionHasItsOwnValue() {
        ClientConnectionState a = connection(1);
        ClientConnectionState b = connection(2);
        a.get(MADE).add("a");
        assertThat(b.get(MADE)).isEmpty();
        a.set(EMPTY, 1L);
        assertThat(b.has(EMPTY)).isFalse();
    }
}
