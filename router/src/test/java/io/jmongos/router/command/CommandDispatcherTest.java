package io.jmongos.router.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.testing.EchoShard;
import io.jmongos.router.testing.TestRouter;

class CommandDispatcherTest {
    private EchoShard shard;
    private RouterServices services;
    private CommandDispatcher dispatcher;
    private ClientConnectionState conn;

    @BeforeEach
    void setUp() {
        shard = new EchoShard();
        services = TestRouter.services(shard);
        dispatcher = new CommandDispatcher(services);
        conn = TestRouter.connection(false);
    }

    private static BsonDocument cmd(String json) {
        return BsonDocument.parse(json);
    }

    /** A reply without the cluster time the session layer adds to every reply. */
    private static BsonDocument withoutClock(BsonDocument reply) {
        BsonDocument r = reply.clone();
        r.remove("$clusterTime");
        r.remove("operationTime");
        return r;
    }

    @Test
    void pingAddsOkOne() {
        CommandOutcome o = dispatcher.dispatch(conn, cmd("{ping: 1, $db: 'admin'}"));
        assertThat(withoutClock(o.reply())).isEqualTo(cmd("{ok: 1.0}"));
        assertThat(o.commandName()).isEqualTo("ping");
        assertThat(o.closeConnection()).isFalse();
        assertThat(o.compressible()).isTrue();
        assertThat(o.replyDelayMillis()).isZero();
    }

    @Test
    void unknownCommandIsCommandNotFound() {
        BsonDocument r = dispatcher.dispatch(conn, cmd("{foo: 1, $db: 'test'}")).reply();
        assertThat(r.getNumber("ok").intValue()).isZero();
        assertThat(r.getInt32("code").getValue()).isEqualTo(59);
        assertThat(r.getString("codeName").getValue()).isEqualTo("CommandNotFound");
        assertThat(r.getString("errmsg").getValue()).isEqualTo("no such command: 'foo'");
    }

    @Test
    void missingDbIsError40571() {
        BsonDocument r = dispatcher.dispatch(conn, cmd("{ping: 1}")).reply();
        assertThat(r.getInt32("code").getValue()).isEqualTo(40571);
        assertThat(r.getString("errmsg").getValue()).isEqualTo("OP_MSG requests require a $db argument");
    }

    @Test
    void nonStringDbIsTypeMismatch() {
        BsonDocument r = dispatcher.dispatch(conn, cmd("{ping: 1, $db: 5}")).reply();
        assertThat(r.getInt32("code").getValue()).isEqualTo(ErrorCode.TYPE_MISMATCH.code());
    }

    @Test
    void commandFailedExceptionBecomesErrorReplyWithExtras() {
        services.commands().register(handler("boom", (ctx, c) -> {
            throw new CommandFailedException(ErrorCode.DUPLICATE_KEY, "dup").with("keyValue", cmd("{_id: 1}"))
                    .withLabel("SomeLabel");
        }));
        BsonDocument r = dispatcher.dispatch(conn, cmd("{boom: 1, $db: 'test'}")).reply();
        assertThat(withoutClock(r)).isEqualTo(cmd("{ok: 0.0, errmsg: 'dup', code: 11000, codeName: 'DuplicateKey',"
                + " keyValue: {_id: 1}, errorLabels: ['SomeLabel']}"));
    }

    @Test
    void unexpectedExceptionBecomesInternalError() {
        services.commands().register(handler("npe", (ctx, c) -> {
            throw new NullPointerException("oops");
        }));
        BsonDocument r = dispatcher.dispatch(conn, cmd("{npe: 1, $db: 'test'}")).reply();
        assertThat(r.getInt32("code").getValue()).isEqualTo(1);
        assertThat(r.getString("codeName").getValue()).isEqualTo("InternalError");
        assertThat(r.getString("errmsg").getValue()).contains("npe").contains("oops");
    }

    @Test
    void handlerSeesDbAndConnection() {
        List<String> seen = new ArrayList<>();
        services.commands().register(handler("look", (ctx, c) -> {
            seen.add(ctx.db() + "/" + ctx.connection().connectionId() + "/" + c.getFirstKey());
            return new BsonDocument("x", new BsonInt32(1));
        }));
        BsonDocument r = dispatcher.dispatch(conn, cmd("{look: 1, $db: 'mydb'}")).reply();
        assertThat(seen).containsExactly("mydb/" + conn.connectionId() + "/look");
        assertThat(withoutClock(r)).isEqualTo(cmd("{x: 1, ok: 1.0}"));
    }

    @Test
    void interceptorsRunOutermostFirstAndMayRewriteReplies() {
        List<String> order = new ArrayList<>();
        services.interceptors().add((ctx, h, c, next) -> {
            order.add("outer:" + h.name());
            BsonDocument r = next.proceed(ctx, c);
            r.put("outer", new BsonString("yes"));
            return r;
        });
        services.interceptors().add((ctx, h, c, next) -> {
            order.add("inner");
            return next.proceed(ctx, c);
        });
        BsonDocument r = dispatcher.dispatch(conn, cmd("{ping: 1, $db: 'admin'}")).reply();
        assertThat(order).containsExactly("outer:ping", "inner");
        assertThat(r.getString("outer").getValue()).isEqualTo("yes");
        assertThat(r.getNumber("ok").intValue()).isEqualTo(1);
    }

    @Test
    void interceptorErrorsAreTurnedIntoReplies() {
        services.interceptors().add((ctx, h, c, next) -> {
            throw new CommandFailedException(ErrorCode.NO_SUCH_TRANSACTION, "no txn");
        });
        BsonDocument r = dispatcher.dispatch(conn, cmd("{ping: 1, $db: 'admin'}")).reply();
        assertThat(r.getInt32("code").getValue()).isEqualTo(251);
    }

    @Test
    void dataCommandsGoToTheDatabasesPrimaryWithoutRouterFields() {
        BsonDocument r = dispatcher.dispatch(conn, cmd("{insert: 'c', documents: [{a: 1}], $db: 'shop',"
                + " $readPreference: {mode: 'primary'}, apiVersion: '1'}")).reply();
        assertThat(shard.calls()).hasSize(1);
        assertThat(shard.calls().get(0).db()).isEqualTo("shop");
        assertThat(shard.calls().get(0).command()).isEqualTo(cmd("{insert: 'c', documents: [{a: 1}]}"));
        assertThat(r.getString("db").getValue()).isEqualTo("shop");
    }

    @Test
    void opcountersCountAsMongoDbDoes() {
        dispatcher.dispatch(conn, cmd("{insert: 'c', documents: [{a: 1}, {a: 2}, {a: 3}], $db: 'x'}"));
        dispatcher.dispatch(conn, cmd("{update: 'c', updates: [{q: {}, u: {}}, {q: {}, u: {}}], $db: 'x'}"));
        dispatcher.dispatch(conn, cmd("{delete: 'c', deletes: [{q: {}, limit: 0}], $db: 'x'}"));
        dispatcher.dispatch(conn, cmd("{find: 'c', $db: 'x'}"));
        dispatcher.dispatch(conn, cmd("{getMore: 1, collection: 'c', $db: 'x'}"));
        dispatcher.dispatch(conn, cmd("{ping: 1, $db: 'x'}"));
        assertThat(services.opCounters().report()).isEqualTo(cmd("{insert: {$numberLong: '3'},"
                + " query: {$numberLong: '1'}, update: {$numberLong: '2'}, delete: {$numberLong: '1'},"
                + " getmore: {$numberLong: '1'}, command: {$numberLong: '1'}}"));
    }

    @Test
    void handshakeAndAuthRepliesAreNotCompressible() {
        assertThat(dispatcher.dispatch(conn, cmd("{hello: 1, $db: 'admin'}")).compressible()).isFalse();
        assertThat(dispatcher.dispatch(conn, cmd("{isMaster: 1, $db: 'admin'}")).compressible()).isFalse();
        assertThat(dispatcher.dispatch(conn, cmd("{saslStart: 1, $db: 'admin'}")).compressible()).isFalse();
        assertThat(dispatcher.dispatch(conn, cmd("{ping: 1, $db: 'admin'}")).compressible()).isTrue();
    }

    @Test
    void redactedCommandsLogNoArguments() {
        BsonDocument logged = CommandLogFormat.forLog(cmd("{saslStart: 1, payload: 'secret'}"), true);
        assertThat(logged).isEqualTo(cmd("{saslStart: '###', payload: '###'}"));
        BsonDocument big = new BsonDocument("insert", new BsonString("c"))
                .append("s", new BsonString("x".repeat(10_000)));
        assertThat(CommandLogFormat.forLog(big, false).getString("s").getValue()).hasSizeLessThan(400);
    }

    static CommandHandler handler(String name, java.util.function.BiFunction<CommandContext, BsonDocument,
            BsonDocument> body) {
        return new CommandHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CommandSpec spec() {
                return CommandSpec.ADMIN;
            }

            @Override
            public BsonDocument run(CommandContext ctx, BsonDocument command) {
                return body.apply(ctx, command);
            }
        };
    }
}
