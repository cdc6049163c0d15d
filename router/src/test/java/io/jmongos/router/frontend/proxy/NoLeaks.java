package io.jmongos.router.frontend.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.ResourceLeakDetector;

/**
 * Fails a test class when Netty's leak detector (paranoid in surefire) reports a LEAK of a buffer or an
 * HAProxyMessage. Leaks are reported when a leaked object has been collected and another object of the
 * same kind is tracked, so after the class this forces collections and tracks fresh objects.
 * Registered for every test class of this module (junit-platform.properties, extension auto-detection);
 * classes marked {@link LeaksOnPurpose} are not checked.
 */
public final class NoLeaks implements BeforeAllCallback, AfterAllCallback {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        appender.list.clear();
        appender.start();
        logger().addAppender(appender);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (context.getRequiredTestClass().isAnnotationPresent(LeaksOnPurpose.class)) {
            logger().detachAppender(appender);
            return;
        }
        try {
            assertThat(leaks()).as("Netty leak reports").isEmpty();
        } finally {
            logger().detachAppender(appender);
        }
    }

    /** Collect garbage, make the detectors look at their queues, and return the LEAK lines logged. */
    List<String> leaks() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            ByteBuf a = UnpooledByteBufAllocator.DEFAULT.directBuffer(8);
            ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(8);
            ByteBuf c = UnpooledByteBufAllocator.DEFAULT.heapBuffer(8);
            a.release();
            b.release();
            c.release();
            new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.LOCAL, HAProxyProxiedProtocol.UNKNOWN,
                    null, null, 0, 0).release();
        }
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("LEAK")).toList();
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    }
}
