package io.jmongos.it.limits;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * A raw socket that sends the first part of a valid OP_MSG {@code ping} padded to a given size, and can later send
 * the rest and read the reply, or see that the server closed it.
 */
final class PartialMessageSender implements AutoCloseable {
    /** OP_MSG opcode. */
    static final int OP_MSG = 2013;
    /** Header (16) + flagBits (4) + section kind (1). */
    static final int PREFIX = 21;
    /** How long a read waits for the server: generous, the server answers or closes at once. */
    static final int READ_TIMEOUT_MS = 30_000;

    private final Socket socket;
    private final byte[] message;
    private int sent;

    PartialMessageSender(int port, int messageSize) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        message = pingOfSize(messageSize);
    }

    /** An OP_MSG of exactly {@code size} bytes: {ping: 1, $db: "admin", pad: "xxx..."}. */
    static byte[] pingOfSize(int size) {
        BsonDocument body = new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"))
                .append("pad", new BsonString(""));
        int empty = bytes(body).length;
        body.put("pad", new BsonString("x".repeat(size - PREFIX - empty)));
        byte[] bson = bytes(body);
        ByteBuffer b = ByteBuffer.allocate(PREFIX + bson.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(PREFIX + bson.length).putInt(1).putInt(0).putInt(OP_MSG).putInt(0).put((byte) 0).put(bson);
        return b.array();
    }

    private static byte[] bytes(BsonDocument doc) {
        ByteBuffer raw = new RawBsonDocument(doc, new BsonDocumentCodec()).getByteBuffer().asNIO();
        byte[] out = new byte[raw.remaining()];
        raw.get(out);
        return out;
    }

    /** Sends the next {@code n} bytes of the message. */
    void send(int n) throws IOException {
        socket.getOutputStream().write(message, sent, n);
        socket.getOutputStream().flush();
        sent += n;
    }

    /** Sends the rest of the message and returns the reply's {@code ok}. */
    double finishAndReadOk() throws IOException {
        send(message.length - sent);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] lengthBytes = new byte[4];
        in.readFully(lengthBytes);
        int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] rest = new byte[length - 4];
        in.readFully(rest);
        byte[] bson = Arrays.copyOfRange(rest, PREFIX - 4, rest.length);
        return new RawBsonDocument(bson).getNumber("ok").doubleValue();
    }

    /** Whether the server closed the connection (end of stream or reset) rather than leaving it open. */
    boolean closedByServer() throws IOException {
        InputStream in = socket.getInputStream();
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
