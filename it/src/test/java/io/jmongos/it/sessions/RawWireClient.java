package io.jmongos.it.sessions;

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
 * A minimal blocking OP_MSG client for tests that must control the bytes on the socket: an optional
 * PROXY v1 header first, then commands with the session fields the test chooses (no driver sessions).
 */
final class RawWireClient implements AutoCloseable {
    /** OP_MSG opcode (MongoDB wire protocol). */
    private static final int OP_MSG = 2013;
    /** Replies larger than this are a test failure, not something to allocate. */
    private static final int MAX_REPLY = 48_000_000;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int requestId = 1;

    RawWireClient(String host, int port, String proxyHeader) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        if (proxyHeader != null) {
            out.write(proxyHeader.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** Send {@code command} (which must carry {@code $db}) and return the reply body. */
    BsonDocument run(BsonDocument command) throws IOException {
        BasicOutputBuffer body = new BasicOutputBuffer();
        new BsonDocumentCodec().encode(new BsonBinaryWriter(body), command, EncoderContext.builder().build());
        byte[] doc = body.toByteArray();
        ByteBuffer msg = ByteBuffer.allocate(16 + 4 + 1 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
        int id = requestId++;
        msg.putInt(msg.capacity()).putInt(id).putInt(0).putInt(OP_MSG).putInt(0).put((byte) 0).put(doc);
        out.write(msg.array());
        out.flush();
        int length = Integer.reverseBytes(in.readInt());
        if (length < 21 || length > MAX_REPLY) {
            throw new IOException("bad reply length " + length);
        }
        byte[] rest = new byte[length - 4];
        in.readFully(rest);
        ByteBuffer reply = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        reply.getInt(); // requestID
        int responseTo = reply.getInt();
        int opCode = reply.getInt();
        if (responseTo != id || opCode != OP_MSG) {
            throw new IOException("unexpected reply responseTo=" + responseTo + " opCode=" + opCode);
        }
        reply.getInt(); // flagBits
        if (reply.get() != 0) {
            throw new IOException("expected a kind-0 section");
        }
        return new BsonDocumentCodec().decode(new BsonBinaryReader(reply.slice().order(ByteOrder.LITTLE_ENDIAN)),
                DecoderContext.builder().build());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
