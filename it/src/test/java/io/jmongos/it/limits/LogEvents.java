package io.jmongos.it.limits;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Collects every log event of the process while open. */
final class LogEvents implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    LogEvents() {
        appender.start();
        root.addAppender(appender);
    }

    List<ILoggingEvent> atLeast(Level level) {
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
        }
    }

    List<ILoggingEvent> withMessage(String message) {
        synchronized (appender) {
            return appender.list.stream().filter(e -> message.equals(e.getMessage())).toList();
        }
    }

    /** The connection-ended events ("Connection ended"), which say a connection closed. */
    long connectionsEnded() {
        return withMessage("Connection ended").size();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}
