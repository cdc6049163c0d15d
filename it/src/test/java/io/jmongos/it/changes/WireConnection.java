package io.jmongos.it.changes;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * A blocking OP_MSG connection whose sends and receives are separate, so a test can leave a command (an awaitData
 * getMore) running on the server and close the socket under it. An optional PROXY v1 header goes first.
 */
final class WireConnection implements AutoCloseable {
    /** OP_MSG opcode (MongoDB wire protocol). */
    private static final int OP_MSG = 2013;
    /** Wire header (16) + flagBits (4) + section kind (1). */
    private static final int MIN_REPLY = 21;
    /** Replies larger than this are a test failure, not something to allocate: maxMessageSizeBytes. */
    private static final int MAX_REPLY = 48_000_000;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int requestId = 1;

    WireConnection(int port, String proxyHeader) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        if (proxyHeader != null) {
            out.write(proxyHeader.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** Sends {@code command} (it must carry {@code $db}) without waiting for the reply. */
    void send(BsonDocument command) throws IOException {
        BasicOutputBuffer body = new BasicOutputBuffer();
        new BsonDocumentCodec().encode(new BsonBinaryWriter(body), command, EncoderContext.builder().build());
        byte[] doc = body.toByteArray();
        ByteBuffer msg = ByteBuffer.allocate(MIN_REPLY + doc.length).order(ByteOrder.LITTLE_ENDIAN);
        msg.putInt(msg.capacity()).putInt(requestId++).putInt(0).putInt(OP_MSG).putInt(0).put((byte) 0).put(doc);
        out.write(msg.array());
        out.flush();
    }

    /** Reads the next reply body. */
    BsonDocument receive() throws IOException {
        int length = Integer.reverseBytes(in.readInt());
        if (length < MIN_REPLY || length > MAX_REPLY) {
            throw new IOException("bad reply length " + length);
        }
        byte[] rest = new byte[length - 4];
        in.readFully(rest);
        ByteBuffer reply = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        reply.position(12); // requestID, responseTo, opCode
        reply.getInt(); // flagBits
        if (reply.get() != 0) {
            throw new IOException("expected a kind-0 section");
        }
        return new BsonDocumentCodec().decode(new BsonBinaryReader(reply.slice().order(ByteOrder.LITTLE_ENDIAN)),
                DecoderContext.builder().build());
    }

    BsonDocument run(BsonDocument command) throws IOException {
        send(command);
        return receive();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
