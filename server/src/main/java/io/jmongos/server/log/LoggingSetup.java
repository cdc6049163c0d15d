package io.jmongos.server.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;

/**
 * Configures logback programmatically: one JSON line per event (MongoDB log-v2 shape) to stdout or to
 * {@code --logpath}, plus the in-memory {@code getLog} buffer. Verbosity 0 = info, 1 = debug (D1),
 * 2+ = trace (D2); quiet = warnings and errors only. Several in-process servers share one configuration:
 * it is only rebuilt when the settings change, and only the root logger's appenders are replaced.
 */
public final class LoggingSetup {
    /** Libraries whose info/debug chatter is kept out unless verbosity is at least this. */
    static final int LIBRARY_DEBUG_VERBOSITY = 3;

    private static final String MAIN_APPENDER = "jmongos-main";
    private static final String RAMLOG_APPENDER = "jmongos-ramlog";

    private static Settings current;
    private static RamLogAppender ramLog;

    private record Settings(Path logPath, boolean append, int verbosity, boolean quiet) {
    }

    private LoggingSetup() {
    }

    /** Apply the settings (idempotent for unchanged settings). */
    public static synchronized void configure(Path logPath, boolean append, int verbosity, boolean quiet) {
        Settings wanted = new Settings(logPath, append, verbosity, quiet);
        if (Objects.equals(wanted, current)) {
            return;
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        // Replace the root's console output (logback's plain-text default, or ours) and our buffer; appenders
        // that others attached (e.g. tests capturing events) stay.
        List<Appender<ILoggingEvent>> replaced = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(a -> {
            if (a instanceof ConsoleAppender || MAIN_APPENDER.equals(a.getName())
                    || RAMLOG_APPENDER.equals(a.getName())) {
                replaced.add(a);
            }
        });
        for (Appender<ILoggingEvent> a : replaced) {
            root.detachAppender(a);
            a.stop();
        }
        OutputStreamAppender<ILoggingEvent> out;
        if (logPath != null) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(logPath.toString());
            file.setAppend(append);
            out = file;
        } else {
            out = new ConsoleAppender<>();
        }
        out.setContext(context);
        out.setName(MAIN_APPENDER);
        MongoLogEncoder encoder = new MongoLogEncoder();
        encoder.setContext(context);
        encoder.start();
        out.setEncoder(encoder);
        out.start();
        ramLog = new RamLogAppender();
        ramLog.setContext(context);
        ramLog.setName(RAMLOG_APPENDER);
        ramLog.start();
        root.addAppender(out);
        root.addAppender(ramLog);
        root.setLevel(quiet ? Level.WARN : verbosity <= 0 ? Level.INFO : verbosity == 1 ? Level.DEBUG : Level.TRACE);
        Level libraries = verbosity >= LIBRARY_DEBUG_VERBOSITY ? Level.DEBUG : Level.WARN;
        for (String lib : new String[] {"io.netty", "org.mongodb.driver", "org.rocksdb"}) {
            context.getLogger(lib).setLevel(libraries);
        }
        current = wanted;
    }

    /** Startup finished: later warnings no longer count as startup warnings. */
    public static synchronized void startupDone() {
        if (ramLog != null) {
            ramLog.startupDone();
        }
    }

    /** Whether the given log file can be opened for writing (checked before the server starts). */
    public static boolean writable(Path logPath) {
        Path dir = logPath.toAbsolutePath().getParent();
        return dir != null && java.nio.file.Files.isDirectory(dir)
                && (!java.nio.file.Files.exists(logPath) || java.nio.file.Files.isWritable(logPath));
    }
}
