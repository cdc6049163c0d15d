package io.jmongos.router.frontend.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;

import io.jmongos.router.RouterBootstrap;
import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandDispatcher;
import io.jmongos.router.health.HealthModule;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.testing.TestRouter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/** The HTTP endpoint's pipeline on an EmbeddedChannel: raw HTTP in, raw HTTP out, every buffer released. */
class HttpEndpointTest {
    private final ToggleShard shard = new ToggleShard();
    private final RouterServices services = services(shard);

    private static RouterServices services(ToggleShard shard) {
        ServerParameters params = new ServerParameters();
        List<RouterModule> modules = List.of(new HealthModule());
        RouterBootstrap.registerParameters(params, modules);
        RouterServices s = new RouterServices(shard, params);
        RouterBootstrap.install(s, modules);
        return s;
    }

    private String exchange(String request) {
        EmbeddedChannel ch = new EmbeddedChannel(
                new HttpServerCodec(HttpChannelInitializer.MAX_INITIAL_LINE, HttpChannelInitializer.MAX_HEADER_SIZE,
                        HttpChannelInitializer.MAX_CONTENT),
                new CappedHttpAggregator(HttpChannelInitializer.MAX_CONTENT),
                new HttpRequestHandler(new HttpRoutes(services), Runnable::run));
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        assertThat(ch.isOpen()).as("closed after the response").isFalse();
        ch.finishAndReleaseAll();
        return out.toString();
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    @Test
    void liveAnswers200() {
        String r = exchange(get("/health/live"));
        assertThat(r).startsWith("HTTP/1.1 200 OK").contains("application/json").contains("\"status\": \"live\"");
    }

    @Test
    void readyIs200ThenNames503Reasons() {
        assertThat(exchange(get("/health/ready"))).startsWith("HTTP/1.1 200 OK").contains("\"status\": \"ready\"");
        shard.reachable = false;
        String r = exchange(get("/health/ready"));
        assertThat(r).startsWith("HTTP/1.1 503 Service Unavailable").contains("\"status\": \"notReady\"")
                .contains("shards").contains("toggle").contains("connection refused (test)");
        shard.reachable = true;
        assertThat(exchange(get("/health/ready?verbose=1"))).startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void readyIs503WhileDraining() {
        services.health().startDraining();
        assertThat(exchange(get("/health/ready"))).startsWith("HTTP/1.1 503").contains("\"status\": \"draining\"")
                .contains("\"draining\": true");
        assertThat(exchange(get("/health/live"))).startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void metricsInPrometheusTextFormat() {
        CommandDispatcher d = new CommandDispatcher(services);
        d.dispatch(TestRouter.connection(false), new BsonDocument("ping", new BsonInt32(1)).append("$db",
                new org.bson.BsonString("admin")));
        d.dispatch(TestRouter.connection(false), new BsonDocument("noSuchThing", new BsonInt32(1)).append("$db",
                new org.bson.BsonString("admin")));
        String r = exchange(get("/metrics"));
        assertThat(r).startsWith("HTTP/1.1 200 OK").contains("text/plain; version=0.0.4")
                .contains("jmongos_commands_total{command=\"ping\",outcome=\"ok\"} 1")
                .contains("jmongos_commands_total{command=\"unknown\",outcome=\"failed\"} 1")
                .contains("jmongos_command_duration_seconds_bucket{command=\"ping\",le=\"+Inf\"} 1")
                .contains("jmongos_command_duration_seconds_count{command=\"ping\"} 1")
                .contains("jmongos_connections{port=\"main\"}")
                .contains("jmongos_ready 1")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void rootListsTheEndpoints() {
        assertThat(exchange(get("/"))).startsWith("HTTP/1.1 200 OK").contains("/health/live")
                .contains("/health/ready").contains("/metrics");
    }

    @Test
    void unknownPathIs404() {
        assertThat(exchange(get("/admin/shutdown"))).startsWith("HTTP/1.1 404 Not Found");
    }

    @Test
    void otherMethodsAre405WithAllow() {
        for (String m : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            assertThat(exchange(m + " /health/ready HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
                    .startsWith("HTTP/1.1 405 Method Not Allowed").contains("allow: GET, HEAD");
        }
    }

    @Test
    void headHasNoBody() {
        String r = exchange("HEAD /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\n");
    }

    @Test
    void malformedRequestIs400() {
        assertThat(exchange("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request");
        assertThat(exchange("GET /" + "a".repeat(HttpChannelInitializer.MAX_INITIAL_LINE) + " HTTP/1.1\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(exchange("GET / HTTP/1.1\r\nX-Big: " + "b".repeat(HttpChannelInitializer.MAX_HEADER_SIZE)
                + "\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void oversizedBodyIs413() {
        String r = exchange("GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + (HttpChannelInitializer.MAX_CONTENT + 1) + "\r\n\r\n" + "x".repeat(HttpChannelInitializer.MAX_CONTENT
                + 1));
        assertThat(r).startsWith("HTTP/1.1 413");
    }
}
