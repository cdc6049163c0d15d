package io.jmongos.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.jmongos.router.log.RamLog;

/** Feeds {@link RamLog#global()} (and warnings into startupWarnings while starting) for {@code getLog}. */
public final class RamLogAppender extends AppenderBase<ILoggingEvent> {
    private volatile boolean starting = true;

    /** After startup, warnings no longer go to the startupWarnings log. */
    public void startupDone() {
        starting = false;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = MongoLogEncoder.format(event);
        RamLog.global().append(line);
        if (starting && event.getLevel().isGreaterOrEqual(Level.WARN)) {
            RamLog.startupWarnings().append(line);
        }
    }
}
