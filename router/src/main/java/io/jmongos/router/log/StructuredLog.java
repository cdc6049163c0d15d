package io.jmongos.router.log;

import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The logging convention of jmongos. Code logs through slf4j's fluent API with key-value pairs; the
 * server's JSON encoder turns an event into one MongoDB log-v2 line:
 * {@code {"t":{"$date":..},"s":"I","c":"NETWORK","id":22943,"ctx":"conn12","msg":"..","attr":{..}}}.
 * <ul>
 *   <li>key {@value #KEY_ID}: the numeric log id (MongoDB's id when the event mirrors one of MongoDB's)</li>
 *   <li>key {@value #KEY_COMPONENT}: the component ({@link LogComponent}); else derived from the logger name</li>
 *   <li>key {@value #KEY_CTX}: the context (e.g. {@code conn12}); else MDC {@value #KEY_CTX}; else the thread</li>
 *   <li>every other key-value pair becomes a field of {@code attr}; values may be strings, numbers,
 *       booleans, BSON values (written as relaxed extended JSON) or anything with a useful toString</li>
 * </ul>
 * Example: {@code StructuredLog.info(LOG, 22943, LogComponent.NETWORK, "Connection accepted")
 * .addKeyValue("remote", "1.2.3.4:5678").log();}
 */
public final class StructuredLog {
    public static final String KEY_ID = "id";
    public static final String KEY_COMPONENT = "c";
    public static final String KEY_CTX = "ctx";

    private StructuredLog() {
    }

    public static LoggingEventBuilder info(Logger log, int id, String component, String msg) {
        return stamp(log.atInfo(), id, component, msg);
    }

    public static LoggingEventBuilder warn(Logger log, int id, String component, String msg) {
        return stamp(log.atWarn(), id, component, msg);
    }

    public static LoggingEventBuilder error(Logger log, int id, String component, String msg) {
        return stamp(log.atError(), id, component, msg);
    }

    public static LoggingEventBuilder debug(Logger log, int id, String component, String msg) {
        return stamp(log.atDebug(), id, component, msg);
    }

    /** The context name MongoDB gives a client connection's thread: {@code conn<id>}. */
    public static String connectionContext(long connectionId) {
        return "conn" + connectionId;
    }

    private static LoggingEventBuilder stamp(LoggingEventBuilder b, int id, String component, String msg) {
        return b.addKeyValue(KEY_ID, id).addKeyValue(KEY_COMPONENT, component).setMessage(msg);
    }
}
