package io.jmongos.server.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.slf4j.event.KeyValuePair;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import io.jmongos.router.log.StructuredLog;

/**
 * Writes each event as one line of JSON in MongoDB's log-v2 shape:
 * {@code {"t":{"$date":"2024-05-01T12:00:00.000+00:00"},"s":"I","c":"NETWORK","id":22943,"ctx":"conn12",
 * "msg":"Connection accepted","attr":{"remote":"1.2.3.4:5678","connectionId":12,"connectionCount":3}}}.
 * See {@link StructuredLog} for how code supplies id, component, context and attributes.
 */
public final class MongoLogEncoder extends EncoderBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneId.systemDefault());
    private static final byte[] EMPTY = new byte[0];

    @Override
    public byte[] headerBytes() {
        return EMPTY;
    }

    @Override
    public byte[] footerBytes() {
        return EMPTY;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return (format(event) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON line for {@code event}, without the line break. */
    public static String format(ILoggingEvent event) {
        Object id = 0;
        String component = null;
        String ctx = null;
        StringBuilder attr = new StringBuilder();
        List<KeyValuePair> kvs = event.getKeyValuePairs();
        if (kvs != null) {
            for (KeyValuePair kv : kvs) {
                switch (kv.key) {
                    case StructuredLog.KEY_ID -> id = kv.value;
                    case StructuredLog.KEY_COMPONENT -> component = String.valueOf(kv.value);
                    case StructuredLog.KEY_CTX -> ctx = String.valueOf(kv.value);
                    default -> {
                        if (attr.length() > 0) {
                            attr.append(',');
                        }
                        JsonText.string(attr, kv.key);
                        attr.append(':');
                        JsonText.value(attr, kv.value);
                    }
                }
            }
        }
        if (ctx == null) {
            Map<String, String> mdc = event.getMDCPropertyMap();
            ctx = mdc != null && mdc.get(StructuredLog.KEY_CTX) != null ? mdc.get(StructuredLog.KEY_CTX)
                    : event.getThreadName();
        }
        if (component == null) {
            component = Components.forLogger(event.getLoggerName());
        }
        IThrowableProxy tp = event.getThrowableProxy();
        if (tp != null && event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            if (attr.length() > 0) {
                attr.append(',');
            }
            attr.append("\"exception\":");
            JsonText.string(attr, ThrowableProxyUtil.asString(tp));
        }
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"t\":{\"$date\":\"").append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .append("\"},\"s\":\"").append(severity(event.getLevel())).append("\",\"c\":");
        JsonText.string(sb, component);
        sb.append(",\"id\":");
        JsonText.value(sb, id);
        sb.append(",\"ctx\":");
        JsonText.string(sb, ctx);
        sb.append(",\"msg\":");
        JsonText.string(sb, event.getFormattedMessage());
        if (attr.length() > 0) {
            sb.append(",\"attr\":{").append(attr).append('}');
        }
        return sb.append('}').toString();
    }

    /** MongoDB's severities: F, E, W, I, and D1..D5 for debug levels. */
    static String severity(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "E";
            case Level.WARN_INT -> "W";
            case Level.INFO_INT -> "I";
            case Level.DEBUG_INT -> "D1";
            default -> "D2";
        };
    }
}
