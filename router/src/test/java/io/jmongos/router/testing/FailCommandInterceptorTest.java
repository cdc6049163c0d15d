package io.jmongos.router.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.conn.ClientConnectionState;

class FailCommandInterceptorTest {
    private final FailPointRegistry registry = new FailPointRegistry();
    private final FailCommandInterceptor interceptor = new FailCommandInterceptor(registry);
    private final ConfigureFailPointCommand configure = new ConfigureFailPointCommand(registry);
    private final AtomicInteger ran = new AtomicInteger();
    private ClientConnectionState conn;

    @BeforeEach
    void setUp() {
        conn = new ClientConnectionState(1, new InetSocketAddress("127.0.0.1", 50000),
                new InetSocketAddress("127.0.0.1", 27017), false);
    }

    private CommandContext ctx(String db) {
        return new CommandContext() {
            @Override
            public String db() {
                return db;
            }

            @Override
            public ClientConnectionState connection() {
                return conn;
            }

            @Override
            public RouterServices services() {
                return null;
            }
        };
    }

    private static CommandHandler handler(String name) {
        return new CommandHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CommandSpec spec() {
                return CommandSpec.WRITE;
            }

            @Override
            public BsonDocument run(CommandContext ctx, BsonDocument command) {
                return new BsonDocument();
            }
        };
    }

    private BsonDocument run(String json) {
        BsonDocument cmd = BsonDocument.parse(json);
        return interceptor.intercept(ctx("db"), handler(cmd.getFirstKey()), cmd, (c, x) -> {
            ran.incrementAndGet();
            return BsonDocument.parse("{n: 1}");
        });
    }

    private BsonDocument set(String json) {
        return configure.run(ctx("admin"), BsonDocument.parse(json));
    }

    @Test
    void timesModeFailsListedCommandsThenTurnsOff() {
        set("{configureFailPoint: 'failCommand', mode: {times: 2}, data: {failCommands: ['insert'], errorCode: 91}}");
        assertThat(run("{find: 'c'}")).isEqualTo(BsonDocument.parse("{n: 1}"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> run("{insert: 'c'}")).isInstanceOf(CommandFailedException.class)
                    .satisfies(e -> {
                        CommandFailedException f = (CommandFailedException) e;
                        assertThat(f.code()).isEqualTo(91);
                        assertThat(f.codeName()).isEqualTo("ShutdownInProgress");
                        assertThat(f.getMessage()).isEqualTo(FailCommandInterceptor.MESSAGE);
                    });
        }
        assertThat(run("{insert: 'c'}")).isEqualTo(BsonDocument.parse("{n: 1}"));
        assertThat(ran.get()).isEqualTo(2);
        assertThat(set("{configureFailPoint: 'failCommand', mode: 'off'}").getInt64("count").getValue())
                .isEqualTo(2);
    }

    @Test
    void skipModePassesFirstCommandsThenFailsAlways() {
        set("{configureFailPoint: 'failCommand', mode: {skip: 1}, data: {failCommands: ['ping'], errorCode: 2}}");
        run("{ping: 1}");
        assertThatThrownBy(() -> run("{ping: 1}")).isInstanceOf(CommandFailedException.class);
        assertThatThrownBy(() -> run("{ping: 1}")).isInstanceOf(CommandFailedException.class);
    }

    @Test
    void explicitLabelsAreExactAndOthersCannotAddAny() {
        set("{configureFailPoint: 'failCommand', mode: 'alwaysOn', data: {failCommands: ['insert'], errorCode: 112,"
                + " errorLabels: []}}");
        assertThatThrownBy(() -> run("{insert: 'c'}")).satisfies(e -> {
            CommandFailedException f = (CommandFailedException) e;
            f.withLabel("TransientTransactionError");
            assertThat(f.errorLabels()).isEmpty();
        });
        set("{configureFailPoint: 'failCommand', mode: 'alwaysOn', data: {failCommands: ['insert'], errorCode: 112,"
                + " errorLabels: ['RetryableWriteError']}}");
        assertThatThrownBy(() -> run("{insert: 'c'}")).satisfies(e -> assertThat(
                ((CommandFailedException) e).toReply().getArray("errorLabels").get(0).asString().getValue())
                .isEqualTo("RetryableWriteError"));
    }

    @Test
    void withoutErrorLabelsTransientTransactionErrorsGetMongosLabels() {
        set("{configureFailPoint: 'failCommand', mode: 'alwaysOn', data: {failCommands: ['insert', 'commitTransaction'],"
                + " errorCode: 24}}");
        assertThatThrownBy(() -> run("{insert: 'c', txnNumber: 1, autocommit: false}")).satisfies(e -> assertThat(
                ((CommandFailedException) e).errorLabels()).containsExactly("TransientTransactionError"));
        assertThatThrownBy(() -> run("{commitTransaction: 1, txnNumber: 1, autocommit: false}")).satisfies(e ->
                assertThat(((CommandFailedException) e).errorLabels()).containsExactly("TransientTransactionError"));
        assertThatThrownBy(() -> run("{insert: 'c', txnNumber: 1}")).satisfies(e -> assertThat(
                ((CommandFailedException) e).errorLabels()).isEmpty());
        set("{configureFailPoint: 'failCommand', mode: 'alwaysOn', data: {failCommands: ['commitTransaction'],"
                + " errorCode: 91}}");
        assertThatThrownBy(() -> run("{commitTransaction: 1, txnNumber: 1, autocommit: false}")).satisfies(e ->
                assertThat(((CommandFailedException) e).errorLabels()).isEmpty());
    }

    @Test
    void writeConcernErrorRunsTheCommandAndAddsTheError() {
        set("{configureFailPoint: 'failCommand', mode: {times: 1}, data: {failCommands: ['insert'],"
                + " writeConcernError: {code: 91, errmsg: 'Replication is being shut down'},"
                + " errorLabels: ['RetryableWriteError']}}");
        BsonDocument reply = run("{insert: 'c'}");
        assertThat(ran.get()).isEqualTo(1);
        assertThat(reply.getInt32("n").getValue()).isEqualTo(1);
        assertThat(reply.getDocument("writeConcernError").getInt32("code").getValue()).isEqualTo(91);
        assertThat(reply.getArray("errorLabels").get(0).asString().getValue()).isEqualTo("RetryableWriteError");
    }

    @Test
    void closeConnectionClosesWithoutRunningTheCommand() {
        AtomicBoolean closed = new AtomicBoolean();
        conn.setCloser(() -> closed.set(true));
        set("{configureFailPoint: 'failCommand', mode: {times: 1}, data: {failCommands: ['getMore'],"
                + " closeConnection: true}}");
        assertThatThrownBy(() -> run("{getMore: 1, collection: 'c'}")).isInstanceOf(CommandFailedException.class);
        assertThat(closed).isTrue();
        assertThat(ran.get()).isZero();
    }

    @Test
    void appNameRestrictsTheFailPointToOneClientAndReadsTheFirstHello() {
        set("{configureFailPoint: 'failCommand', mode: {times: 1}, data: {failCommands: ['hello', 'isMaster'],"
                + " errorCode: 11600, appName: 'app1'}}");
        run("{hello: 1, client: {application: {name: 'other'}}}");
        assertThatThrownBy(() -> run("{isMaster: 1, client: {application: {name: 'app1'}}}"))
                .isInstanceOf(CommandFailedException.class);
        run("{isMaster: 1, client: {application: {name: 'app1'}}}");
        assertThat(ran.get()).isEqualTo(2);
    }

    @Test
    void blockConnectionDelaysTheCommand() {
        set("{configureFailPoint: 'failCommand', mode: {times: 1}, data: {failCommands: ['find'],"
                + " blockConnection: true, blockTimeMS: 50}}");
        long start = System.nanoTime();
        run("{find: 'c'}");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
        assertThat(ran.get()).isEqualTo(1);
    }

    @Test
    void configureFailPointValidatesItsArguments() {
        assertThatThrownBy(() -> set("{configureFailPoint: 'noSuchFailPoint', mode: 'alwaysOn'}"))
                .hasMessageContaining("Cannot find failpoint: noSuchFailPoint");
        assertThatThrownBy(() -> set("{configureFailPoint: 'failCommand', mode: 'sometimes'}"))
                .isInstanceOf(CommandFailedException.class);
        assertThatThrownBy(() -> set("{configureFailPoint: 'failCommand'}"))
                .isInstanceOf(CommandFailedException.class);
        assertThatThrownBy(() -> configure.run(ctx("test"), BsonDocument.parse(
                "{configureFailPoint: 'failCommand', mode: 'off'}"))).hasMessageContaining("admin database");
    }

    @Test
    void commandsRunOnAWorkerWhileTheFailPointIsOn() {
        BsonDocument ping = BsonDocument.parse("{ping: 1}");
        assertThat(interceptor.allowsInline(handler("ping"), ping)).isTrue();
        set("{configureFailPoint: 'failCommand', mode: 'alwaysOn', data: {failCommands: ['ping'], "
                + "blockConnection: true, blockTimeMS: 10}}");
        assertThat(interceptor.allowsInline(handler("ping"), ping)).isFalse();
        set("{configureFailPoint: 'failCommand', mode: 'off'}");
        assertThat(interceptor.allowsInline(handler("ping"), ping)).isTrue();
    }
}
