package io.jmongos.bench.peer;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The peer: de.bwaldvogel mongo-java-server with its in-memory backend, in its own process, on 127.0.0.1.
 * Run as {@code MongoJavaServerMain --port N}; prints {@code LISTENING <port>}; stops on SIGTERM.
 */
public final class MongoJavaServerMain {
    private MongoJavaServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length == 2 && "--port".equals(args[0]) ? Integer.parseInt(args[1]) : 0;
        MongoServer server = new MongoServer(new MemoryBackend());
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
