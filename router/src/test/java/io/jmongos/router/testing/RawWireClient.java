package io.jmongos.router.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/** A blocking wire-protocol client over a plain socket, for frontend tests (hand-built OP_MSG/OP_QUERY). */
public final class RawWireClient implements AutoCloseable {
    /** Read timeout: generous, the assertion is about what arrives, not when. */
    static final int READ_TIMEOUT_MS = 20_000;
    public static final int OP_REPLY = 1;
    public static final int OP_QUERY = 2004;
    public static final int OP_MSG = 2013;
    public static final int OP_COMPRESSED = 2012;
    public static final int SNAPPY = 1;
    public static final int MORE_TO_COME = 1 << 1;

    /** One reply: its header fields, the (single) document, and the compressor id (-1 when not compressed). */
    public record Reply(int responseTo, int opCode, BsonDocument document, int compressorId) {
    }

    private final Socket socket;
    private final DataInputStream in;

    public RawWireClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        in = new DataInputStream(socket.getInputStream());
    }

    public void sendRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    public void sendText(String s) throws IOException {
        sendRaw(s.getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] opMsg(int requestId, int flags, BsonDocument body) {
        byte[] doc = bson(body);
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + 1 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity()).putInt(requestId).putInt(0).putInt(OP_MSG).putInt(flags).put((byte) 0).put(doc);
        return b.array();
    }

    /** An OP_MSG wrapped in OP_COMPRESSED with snappy. */
    public static byte[] opMsgSnappy(int requestId, BsonDocument body) throws IOException {
        byte[] plain = opMsg(requestId, 0, body);
        byte[] payload = org.xerial.snappy.Snappy.compress(java.util.Arrays.copyOfRange(plain, 16, plain.length));
        ByteBuffer b = ByteBuffer.allocate(16 + 9 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity()).putInt(requestId).putInt(0).putInt(OP_COMPRESSED).putInt(OP_MSG)
                .putInt(plain.length - 16).put((byte) SNAPPY).put(payload);
        return b.array();
    }

    public static byte[] opQuery(int requestId, String ns, BsonDocument query) {
        byte[] doc = bson(query);
        byte[] name = ns.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + name.length + 1 + 8 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity()).putInt(requestId).putInt(0).putInt(OP_QUERY).putInt(0).put(name).put((byte) 0)
                .putInt(0).putInt(-1).put(doc);
        return b.array();
    }

    public BsonDocument command(int requestId, BsonDocument body) throws IOException {
        sendRaw(opMsg(requestId, 0, body));
        Reply r = read();
        if (r.responseTo() != requestId) {
            throw new IllegalStateException("responseTo " + r.responseTo() + " != " + requestId);
        }
        return r.document();
    }

    public Reply read() throws IOException {
        int length = Integer.reverseBytes(in.readInt());
        byte[] rest = new byte[length - 4];
        in.readFully(rest);
        ByteBuffer b = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        b.getInt();
        int responseTo = b.getInt();
        int opCode = b.getInt();
        int compressorId = -1;
        if (opCode == OP_COMPRESSED) {
            opCode = b.getInt();
            b.getInt();
            compressorId = b.get();
            byte[] packed = new byte[b.remaining()];
            b.get(packed);
            if (compressorId != SNAPPY) {
                throw new IllegalStateException("test client only decompresses snappy, got " + compressorId);
            }
            b = ByteBuffer.wrap(org.xerial.snappy.Snappy.uncompress(packed)).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (opCode == OP_MSG) {
            b.getInt();
            b.get();
        } else if (opCode == OP_REPLY) {
            b.getInt();
            b.getLong();
            b.getInt();
            b.getInt();
        } else {
            throw new IllegalStateException("unexpected opcode " + opCode);
        }
        byte[] doc = new byte[b.remaining()];
        b.get(doc);
        return new Reply(responseTo, opCode, new RawBsonDocument(doc), compressorId);
    }

    /** True when the server closed the connection (EOF or reset) before sending anything more. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return "Connection reset".equals(e.getMessage());
        }
    }

    static byte[] bson(BsonDocument d) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        new BsonDocumentCodec().encode(new BsonBinaryWriter(out), d, EncoderContext.builder().build());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(out.toByteArray());
        return bytes.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
