package io.jmongos.router.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.RouterBootstrap;
import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.shard.Shard;
import io.jmongos.wire.OpMsgRequest;
import io.jmongos.wire.WireReply;
import io.jmongos.wire.client.BlockingWireClient;

/**
 * Commands that never wait run on the connection's I/O thread, all others on a worker, and a connection's replies
 * still leave in request order when the two kinds are pipelined.
 */
class InlineCommandsTest {
    private static final String IO_THREAD = "jmongos-io";
    private static final String WORKER_THREAD = "jmongos-worker";

    private RouterServer server;
    private RouterServices services;

    /** A shard that answers a find with the name of the thread that ran it; a find by _id "answers at once". */
    private static final class ThreadNamingShard implements Shard {
        @Override
        public String name() {
            return "threads";
        }

        @Override
        public BsonDocument runCommand(String db, BsonDocument command) {
            BsonArray batch = new BsonArray(List.of(new BsonDocument("thread",
                    new BsonString(Thread.currentThread().getName()))));
            return new BsonDocument("cursor", new BsonDocument("id", new BsonInt64(0))
                    .append("ns", new BsonString(db + "." + command.getString("find").getValue()))
                    .append("firstBatch", batch)).append("ok", new BsonDouble(1));
        }

        @Override
        public boolean answersAtOnce(String db, BsonDocument command) {
            return command.isDocument("filter") && command.getDocument("filter").containsKey("_id");
        }

        @Override
        public void close() {
        }
    }

    /** A router command that answers with its thread's name; inline or not as constructed. */
    private record ThreadNameCommand(String name, boolean inline) implements CommandHandler {
        @Override
        public CommandSpec spec() {
            return CommandSpec.ADMIN;
        }

        @Override
        public boolean runsInline(RouterServices services, BsonDocument command) {
            return inline;
        }

        @Override
        public BsonDocument run(CommandContext ctx, BsonDocument command) {
            return new BsonDocument("thread", new BsonString(Thread.currentThread().getName()));
        }
    }

    @BeforeEach
    void start() {
        ServerParameters params = new ServerParameters();
        List<RouterModule> modules = List.of(); // the real find, with cursors and sessions
        RouterBootstrap.registerParameters(params, modules);
        services = new RouterServices(new ThreadNamingShard(), params);
        RouterBootstrap.install(services, modules);
        services.commands().register(new ThreadNameCommand("threadInline", true));
        services.commands().register(new ThreadNameCommand("threadWorker", false));
        server = new RouterServer(new FrontendConfig(List.of("127.0.0.1"), false, 0, 0), services);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        services.close();
    }

    private static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }

    private static String findThread(BsonDocument reply) {
        return reply.getDocument("cursor").getArray("firstBatch").get(0).asDocument().getString("thread").getValue();
    }

    @Test
    void findByIdOnAShardThatAnswersAtOnceRunsOnTheIoThreadAndOtherFindsOnAWorker() {
        try (BlockingWireClient c = BlockingWireClient.open(server.mainPort())) {
            assertThat(findThread(c.run(doc("{find: 'c', filter: {_id: 7}, $db: 'test'}"))))
                    .startsWith(IO_THREAD);
            assertThat(findThread(c.run(doc("{find: 'c', filter: {a: 7}, $db: 'test'}"))))
                    .startsWith(WORKER_THREAD);
            assertThat(findThread(c.run(doc("{find: 'c', $db: 'test'}")))).startsWith(WORKER_THREAD);
        }
    }

    @Test
    void pipelinedInlineAndWorkerCommandsAreAnsweredInRequestOrder() {
        try (BlockingWireClient c = BlockingWireClient.open(server.mainPort())) {
            for (int i = 0; i < 40; i++) {
                String name = i % 3 == 0 ? "threadWorker" : "threadInline";
                c.send(OpMsgRequest.of(100 + i, doc("{" + name + ": 1, $db: 'admin'}")));
            }
            for (int i = 0; i < 40; i++) {
                WireReply r = c.receiveReply();
                assertThat(r.responseTo()).isEqualTo(100 + i);
                assertThat(BlockingWireClient.document(r).getString("thread").getValue())
                        .startsWith(i % 3 == 0 ? WORKER_THREAD : IO_THREAD);
            }
        }
    }

    @Test
    void anInlineCommandThatFailsIsAnsweredWithItsErrorAndTheConnectionGoesOn() {
        try (BlockingWireClient c = BlockingWireClient.open(server.mainPort())) {
            BsonDocument err = c.run(doc("{find: 5, filter: {_id: 1}, $db: 'test'}"));
            assertThat(err.getNumber("ok").intValue()).isZero();
            assertThat(c.run(doc("{ping: 1, $db: 'admin'}")).getNumber("ok").intValue()).isEqualTo(1);
        }
    }
}
