package io.jmongos.router.frontend.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import io.jmongos.router.RouterServices;
import io.jmongos.router.health.ReadinessReport;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What each path of the HTTP endpoint answers (no Netty framing here beyond the status code): {@code /},
 * {@code /health/live}, {@code /health/ready}, {@code /metrics}. Nothing here changes the server.
 */
final class HttpRoutes {
    static final String ROOT = "/";
    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    static final String METRICS = "/metrics";
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";
    private static final JsonWriterSettings JSON_SETTINGS = JsonWriterSettings.builder()
            .outputMode(JsonMode.RELAXED).build();
    private static final PrometheusTextFormatWriter METRICS_WRITER = PrometheusTextFormatWriter.create();

    /** A response: status, content type, body. */
    record Answer(HttpResponseStatus status, String contentType, byte[] body) {
        static Answer json(HttpResponseStatus status, BsonDocument doc) {
            return new Answer(status, JSON, (doc.toJson(JSON_SETTINGS) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        static Answer text(HttpResponseStatus status, String text) {
            return new Answer(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final RouterServices services;

    HttpRoutes(RouterServices services) {
        this.services = services;
    }

    /** Whether the path exists (else 404). */
    static boolean known(String path) {
        return ROOT.equals(path) || LIVE.equals(path) || READY.equals(path) || METRICS.equals(path);
    }

    /** Whether answering the path may block (readiness checks, a scrape): run it off the event loop. */
    static boolean blocking(String path) {
        return READY.equals(path) || METRICS.equals(path);
    }

    Answer answer(String path) {
        return switch (path) {
            case LIVE -> Answer.json(HttpResponseStatus.OK, new BsonDocument("status", new BsonString("live")));
            case READY -> ready();
            case METRICS -> metrics();
            default -> Answer.text(HttpResponseStatus.OK, "jmongos\n"
                    + LIVE + "    200 while the process serves\n"
                    + READY + "   200 when the router can serve, else 503 with what is not ready\n"
                    + METRICS + "        Prometheus text format\n");
        };
    }

    private Answer ready() {
        ReadinessReport r = services.health().evaluate();
        return Answer.json(r.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, r.toBson());
    }

    private Answer metrics() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            METRICS_WRITER.write(out, services.metrics().registry().scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Answer(HttpResponseStatus.OK, METRICS_WRITER.getContentType(), out.toByteArray());
    }
}
