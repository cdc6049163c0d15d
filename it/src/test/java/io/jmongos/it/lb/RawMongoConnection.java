package io.jmongos.it.lb;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * A bare MongoDB wire client over one TCP socket: optional PROXY header, OP_MSG commands, and nothing done
 * behind the test's back (no endSessions, no killCursors when it goes away), so a test can drop a
 * connection exactly like a crashed client.
 */
final class RawMongoConnection implements AutoCloseable {
    /** OP_MSG opcode (MongoDB wire protocol). */
    private static final int OP_MSG = 2013;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int requestId;

    private RawMongoConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    static RawMongoConnection connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        return new RawMongoConnection(s);
    }

    /** Connect and send a v1 PROXY header naming this socket as the client. */
    static RawMongoConnection connectWithProxyHeader(int port) throws IOException {
        RawMongoConnection c = connect(port);
        c.writeRaw(("PROXY TCP4 127.0.0.1 127.0.0.1 " + c.localPort() + " " + port + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return c;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Send one command (a {@code $db} field is added) and read its reply. */
    BsonDocument command(String db, BsonDocument command) throws IOException {
        writeRaw(opMsg(++requestId, command.clone().append("$db", new org.bson.BsonString(db))));
        return readReply();
    }

    /** Read one OP_MSG reply and return its body document. */
    BsonDocument readReply() throws IOException {
        int length = Integer.reverseBytes(in.readInt());
        if (length < 21 || length > 48_000_000) {
            throw new IOException("bad reply length " + length);
        }
        byte[] rest = new byte[length - 4];
        in.readFully(rest);
        ByteBuffer b = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        b.position(8);
        int opCode = b.getInt();
        if (opCode != OP_MSG) {
            throw new IOException("unexpected opCode " + opCode);
        }
        b.getInt();
        if (b.get() != 0) {
            throw new IOException("reply does not start with a kind-0 section");
        }
        try (BsonBinaryReader reader = new BsonBinaryReader(b.slice().order(ByteOrder.LITTLE_ENDIAN))) {
            return new BsonDocumentCodec().decode(reader, DecoderContext.builder().build());
        }
    }

    /** True when the server closed the connection (EOF or reset) before the deadline, having sent nothing. */
    boolean closedByServerWithoutReply(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream raw = socket.getInputStream();
        try {
            int b = raw.read();
            if (b >= 0) {
                throw new IOException("server replied (first byte " + b + ") instead of closing");
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            if (e instanceof EOFException || String.valueOf(e.getMessage()).contains("reset")) {
                return true;
            }
            throw e;
        }
    }

    /** An OP_MSG with one kind-0 section. */
    static byte[] opMsg(int requestId, BsonDocument body) {
        BasicOutputBuffer bson = new BasicOutputBuffer();
        new BsonDocumentCodec().encode(new BsonBinaryWriter(bson), body, EncoderContext.builder().build());
        byte[] doc = bson.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + 1 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity()).putInt(requestId).putInt(0).putInt(OP_MSG).putInt(0).put((byte) 0).put(doc);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
