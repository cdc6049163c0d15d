package io.jmongos.router.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.testing.EchoShard;
import io.jmongos.router.testing.TestRouter;

/** "Slow query" (51803) lines: above slowms only, with redaction for commands marked redactInLogs. */
class SlowQueryLogTest {
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Logger logger;
    private RouterServices services;
    private CommandDispatcher dispatcher;
    private ClientConnectionState conn;

    @BeforeEach
    void setUp() {
        logger = (Logger) LoggerFactory.getLogger(SlowQueryLog.class);
        logger.setLevel(Level.INFO);
        events.start();
        logger.addAppender(events);
        services = TestRouter.services(new EchoShard());
        dispatcher = new CommandDispatcher(services);
        conn = TestRouter.connection(false);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(events);
        logger.setLevel(null);
    }

    private static Map<String, Object> attrs(ILoggingEvent e) {
        return e.getKeyValuePairs().stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> b));
    }

    @Test
    void nothingBelowTheThreshold() {
        services.setSlowMs(60_000);
        dispatcher.dispatch(conn, BsonDocument.parse("{ping: 1, $db: 'admin'}"));
        assertThat(events.list).isEmpty();
    }

    @Test
    void slowCommandsAreLoggedWithNamespaceAndDuration() {
        services.setSlowMs(0);
        dispatcher.dispatch(conn, BsonDocument.parse("{find: 'items', filter: {a: 1}, $db: 'shop'}"));
        assertThat(events.list).hasSize(1);
        ILoggingEvent e = events.list.get(0);
        assertThat(e.getMessage()).isEqualTo("Slow query");
        Map<String, Object> a = attrs(e);
        assertThat(a).containsEntry("id", 51803).containsEntry("c", "COMMAND").containsEntry("ns", "shop.items")
                .containsEntry("ctx", conn.logContext()).containsKey("durationMillis");
        assertThat(a.get("command")).isEqualTo(BsonDocument.parse("{find: 'items', filter: {a: 1}, $db: 'shop'}"));
    }

    @Test
    void redactedCommandsShowNoArguments() {
        services.setSlowMs(0);
        services.commands().register(new CommandHandler() {
            @Override
            public String name() {
                return "secretThing";
            }

            @Override
            public CommandSpec spec() {
                return new CommandSpec(false, false, false, false, true);
            }

            @Override
            public BsonDocument run(CommandContext ctx, BsonDocument command) {
                return new BsonDocument();
            }
        });
        dispatcher.dispatch(conn, BsonDocument.parse("{secretThing: 1, password: 'hunter2', $db: 'admin'}"));
        List<KeyValuePair> kvs = events.list.get(0).getKeyValuePairs();
        assertThat(kvs.toString()).doesNotContain("hunter2");
        assertThat(attrs(events.list.get(0)).get("command")).isEqualTo(BsonDocument.parse(
                "{secretThing: '###', password: '###', $db: '###'}"));
    }
}
