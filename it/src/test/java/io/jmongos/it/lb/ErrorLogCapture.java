package io.jmongos.it.lb;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Collects every log event of jmongos and Netty (WARN and above by default) for the duration of a test. */
public final class ErrorLogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public ErrorLogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** Events at {@code level} or above. */
    public List<ILoggingEvent> atLeast(Level level) {
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
        }
    }

    /** Events whose message equals {@code message}. */
    public List<ILoggingEvent> withMessage(String message) {
        synchronized (appender) {
            return appender.list.stream().filter(e -> message.equals(e.getMessage())).toList();
        }
    }

    /** Netty's paranoid leak detector reports. */
    public List<String> leaks() {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("LEAK:"))
                    .toList();
        }
    }

    public static String describe(List<ILoggingEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : events) {
            sb.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ').append(e.getFormattedMessage())
                    .append(' ').append(e.getKeyValuePairs()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}
