package io.jmongos.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.jmongos.common.Limits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Java driver against a loopback server made of these codecs and a toy command handler: the legacy
 * OP_QUERY handshake, OP_MSG with kind-1 sequences, and OP_COMPRESSED with each negotiated compressor.
 */
class DriverInteropTest {
    private static EventLoopGroup group;
    private static Channel server;
    private static final List<BsonDocument> STORED = new CopyOnWriteArrayList<>();
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReplyOpcodeRecorder(), new WireFrameDecoder(),
                                new WireMessageDecoder(), new WireMessageEncoder(), new ToyCommandHandler());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    @AfterAll
    static void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "snappy", "zlib", "zstd"})
    void driverRoundTripsThroughTheCodecs(String compressor) {
        STORED.clear();
        SEEN.clear();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        String uri = "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=10000"
                + (compressor.isEmpty() ? "" : "&compressors=" + compressor);
        try (MongoClient client = MongoClients.create(uri)) {
            assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"))
                    .isEqualTo(1.0);
            MongoCollection<Document> collection = client.getDatabase("test").getCollection("c");
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                documents.add(new Document("_id", i).append("text", "x".repeat(2000)));
            }
            collection.insertMany(documents);
            assertThat(STORED).hasSize(3);
            List<Document> found = collection.find().into(new ArrayList<>());
            assertThat(found).isEqualTo(documents);
        }
        String expected = compressor.isEmpty() ? "noop" : compressor;
        assertThat(SEEN).contains("OP_QUERY:isMaster:noop", "OP_MSG:insert:" + expected,
                "OP_MSG:find:" + expected, "reply:" + OpCode.OP_REPLY.code());
        assertThat(SEEN.contains("reply:" + OpCode.OP_COMPRESSED.code())).isEqualTo(!compressor.isEmpty());
    }

    /** Records the opcode of every encoded reply. */
    private static final class ReplyOpcodeRecorder extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            SEEN.add("reply:" + ((ByteBuf) msg).getIntLE(12));
            ctx.write(msg, promise);
        }
    }

    /** Answers hello, insert (from the "documents" sequence), find (everything stored) and anything else ok. */
    private static final class ToyCommandHandler extends SimpleChannelInboundHandler<WireRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WireRequest request) {
            if (request instanceof OpQueryRequest) {
                OpQueryRequest query = (OpQueryRequest) request;
                String name = query.query().getFirstKey();
                SEEN.add("OP_QUERY:" + name + ":" + request.compressor().handshakeName());
                ctx.writeAndFlush(new OpReplyMessage(query.requestId(), 0, hello(query.query()),
                        WireCompressor.NOOP));
                return;
            }
            OpMsgRequest msg = (OpMsgRequest) request;
            BsonDocument command = msg.commandDocument();
            String name = command.getFirstKey();
            SEEN.add("OP_MSG:" + name + ":" + request.compressor().handshakeName());
            BsonDocument reply;
            WireCompressor compressor = request.compressor();
            switch (name) {
                case "hello":
                case "isMaster":
                    reply = hello(command);
                    compressor = WireCompressor.NOOP;
                    break;
                case "insert":
                    List<BsonDocument> docs = msg.documentSequences().get("documents");
                    STORED.addAll(docs);
                    reply = new BsonDocument("n", new BsonInt32(docs.size())).append("ok", new BsonDouble(1));
                    break;
                case "find":
                    BsonDocument cursor = new BsonDocument("id", new BsonInt64(0))
                            .append("ns", new BsonString("test.c"))
                            .append("firstBatch", new BsonArray(new ArrayList<>(STORED)));
                    reply = new BsonDocument("cursor", cursor).append("ok", new BsonDouble(1));
                    break;
                default:
                    reply = new BsonDocument("ok", new BsonDouble(1));
            }
            if (!msg.moreToCome()) {
                ctx.writeAndFlush(new OpMsgReply(msg.requestId(), 0, reply, compressor));
            }
        }

        private static BsonDocument hello(BsonDocument command) {
            BsonArray compression = new BsonArray();
            for (var value : command.getArray("compression", new BsonArray())) {
                if (WireCompressor.fromHandshakeName(value.asString().getValue()).isPresent()) {
                    compression.add(value);
                }
            }
            return new BsonDocument("isWritablePrimary", BsonBoolean.TRUE)
                    .append("ismaster", BsonBoolean.TRUE)
                    .append("msg", new BsonString("isdbgrid"))
                    .append("maxBsonObjectSize", new BsonInt32(Limits.MAX_BSON_OBJECT_SIZE))
                    .append("maxMessageSizeBytes", new BsonInt32(Limits.MAX_MESSAGE_SIZE_BYTES))
                    .append("maxWriteBatchSize", new BsonInt32(Limits.MAX_WRITE_BATCH_SIZE))
                    .append("localTime", new BsonDateTime(System.currentTimeMillis()))
                    .append("logicalSessionTimeoutMinutes", new BsonInt32(30))
                    .append("connectionId", new BsonInt32(1))
                    .append("minWireVersion", new BsonInt32(0))
                    .append("maxWireVersion", new BsonInt32(Limits.MAX_WIRE_VERSION))
                    .append("compression", compression)
                    .append("ok", new BsonDouble(1));
        }
    }
}
