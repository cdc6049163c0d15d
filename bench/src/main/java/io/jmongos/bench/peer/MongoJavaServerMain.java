package io.jmongos.bench.peer;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The peer: de.bwaldvogel mongo-java-server with its in-memory backend, in its own process, on 127.0.0.1.
 * Its newest built-in version (4.0, wire version 7) is below what the 5.x Java driver accepts (wire version 8),
 * so it reports 4.2 / wire 8 through its own {@code MongoBackend.version} hook; nothing else changes.
 * Run as {@code MongoJavaServerMain --port N}; prints {@code LISTENING <port>}; stops on SIGTERM.
 */
public final class MongoJavaServerMain {
    private MongoJavaServerMain() {
    }

    /** MongoDB 4.2's wire version: the oldest the 5.x driver connects to. */
    public static final class ReportedVersion implements MongoVersion {
        static final int WIRE_VERSION_4_2 = 8;

        @Override
        public List<Integer> getVersionArray() {
            return List.of(4, 2, 0);
        }

        @Override
        public int getWireVersion() {
            return WIRE_VERSION_4_2;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length == 2 && "--port".equals(args[0]) ? Integer.parseInt(args[1]) : 0;
        MongoServer server = new MongoServer(new MemoryBackend().version(new ReportedVersion()));
        server.bind("127.0.0.1", port);
        InetSocketAddress bound = server.getLocalAddress();
        System.out.println("LISTENING " + bound.getPort());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            stop.countDown();
        }));
        stop.await();
    }
}
