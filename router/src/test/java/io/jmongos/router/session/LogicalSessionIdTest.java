package io.jmongos.router.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class LogicalSessionIdTest {
    @Test
    void parseReadsTheUuidBigEndianAsTheDriverWritesIt() {
        for (UUID u : new UUID[] {new UUID(0x0123456789ABCDEFL, 0xFEDCBA9876543210L), new UUID(-1L, 0L),
                UUID.randomUUID()}) {
            LogicalSessionId lsid = new LogicalSessionId(u);
            assertThat(LogicalSessionId.parse("lsid", lsid.toBson())).isEqualTo(lsid);
        }
    }
}
