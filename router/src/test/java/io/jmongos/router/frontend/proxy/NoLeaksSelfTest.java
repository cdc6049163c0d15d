package io.jmongos.router.frontend.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

/** The leak check used by the codec tests does see a leak (with paranoid detection, as in surefire). */
@LeaksOnPurpose
class NoLeaksSelfTest {
    @Test
    void aLeakedBufferIsReported() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID,
                "needs -Dio.netty.leakDetection.level=paranoid (set in surefire's argLine)");
        NoLeaks check = new NoLeaks();
        check.beforeAll(null);
        leak();
        boolean seen = false;
        for (int i = 0; i < 20 && !seen; i++) {
            seen = !check.leaks().isEmpty();
        }
        assertThat(seen).isTrue();
        org.slf4j.LoggerFactory.getLogger(getClass()).info("the LEAK report above was made on purpose");
    }

    private static void leak() {
        ByteBuf b = UnpooledByteBufAllocator.DEFAULT.directBuffer(16);
        b.writeLong(42);
    }
}
