package io.jmongos.bench.raw;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

import io.jmongos.bench.proxy.ProxyV2Header;

/**
 * A blocking MongoDB connection on a plain socket, for what a driver cannot do cheaply: open thousands of idle
 * connections, measure connect + handshake + close, and write a PROXY header itself. One thread at a time.
 */
public final class RawMongoConnection implements AutoCloseable {
    private static final AtomicInteger REQUEST_IDS = new AtomicInteger();

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    /** The PROXY header not yet sent: it goes out in the same write as the first command. */
    private byte[] pendingHeader;

    private RawMongoConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /**
     * Connect to 127.0.0.1:{@code port} with TCP_NODELAY; with {@code proxyHeader} a PROXY v2 header with the
     * socket's own addresses goes first, in one write with the first command: the LB port then gets header and
     * hello in one segment as the main port gets the hello, instead of paying an extra wakeup for a second small
     * write. A connection closed before any command sends nothing.
     */
    public static RawMongoConnection open(int port, boolean proxyHeader, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            RawMongoConnection c = new RawMongoConnection(s);
            if (proxyHeader) {
                c.pendingHeader = ProxyV2Header.proxy((InetSocketAddress) s.getLocalSocketAddress(),
                        (InetSocketAddress) s.getRemoteSocketAddress());
            }
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * The handshake a driver sends first: the legacy {@code isMaster} with {@code helloOk: true} (every server
     * knows it; mongo-java-server has no {@code hello}), with {@code loadBalanced: true} when asked.
     */
    public static BsonDocument hello(boolean loadBalanced) {
        BsonDocument d = new BsonDocument("isMaster", new BsonInt32(1)).append("helloOk", BsonBoolean.TRUE)
                .append("$db", new BsonString("admin"));
        if (loadBalanced) {
            d.append("loadBalanced", BsonBoolean.TRUE);
        }
        return d;
    }

    public static BsonDocument ping() {
        return new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"));
    }

    /** Send one command and wait for its reply; the reply's {@code ok} is not checked here. */
    public RawBsonDocument command(BsonDocument command) throws IOException {
        int id = REQUEST_IDS.incrementAndGet();
        byte[] message = OpMsgBytes.encode(id, command);
        byte[] header = pendingHeader;
        if (header != null) {
            pendingHeader = null;
            byte[] both = new byte[header.length + message.length];
            System.arraycopy(header, 0, both, 0, header.length);
            System.arraycopy(message, 0, both, header.length, message.length);
            message = both;
        }
        out.write(message);
        out.flush();
        return OpMsgBytes.decodeReply(readMessage(in), id);
    }

    /** Send a command and fail unless the reply says {@code ok: 1}. */
    public RawBsonDocument commandOk(BsonDocument command) throws IOException {
        RawBsonDocument reply = command(command);
        if (!reply.containsKey("ok") || reply.getNumber("ok").doubleValue() != 1.0) {
            throw new IOException("command " + command.getFirstKey() + " failed: " + reply.toJson());
        }
        return reply;
    }

    static byte[] readMessage(InputStream stream) throws IOException {
        DataInputStream data = stream instanceof DataInputStream d ? d : new DataInputStream(stream);
        byte[] lengthBytes = new byte[4];
        try {
            data.readFully(lengthBytes);
        } catch (EOFException e) {
            throw new EOFException("connection closed by the server");
        }
        int length = (lengthBytes[0] & 0xFF) | (lengthBytes[1] & 0xFF) << 8 | (lengthBytes[2] & 0xFF) << 16
                | (lengthBytes[3] & 0xFF) << 24;
        if (length < OpMsgBytes.HEADER_LENGTH || length > OpMsgBytes.MAX_MESSAGE) {
            throw new IOException("reply length out of range: " + length);
        }
        byte[] message = new byte[length];
        System.arraycopy(lengthBytes, 0, message, 0, 4);
        data.readFully(message, 4, length - 4);
        return message;
    }

    /** Whether the server has closed the connection (a read sees end of stream within {@code millis}). */
    public boolean closedByServer(int millis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
