package io.jmongos.it.sessions;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.bson.BsonDocument;
import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.server.JmongosServer;

/** A jmongos for the session tests: the cursor reaper every second and a load-balancer port. */
final class SessionsServer implements AutoCloseable {
    final JmongosServer server;
    final MongoClient client;
    final int lbPort;

    SessionsServer(String... extraArgs) {
        lbPort = freePort();
        List<String> args = new ArrayList<>(List.of("--port", "0", "--setParameter", "clientCursorMonitorFrequencySecs=1",
                "--setParameter", "loadBalancerPort=" + lbPort));
        args.addAll(List.of(extraArgs));
        server = JmongosServer.start(args);
        client = newClient();
    }

    MongoClient newClient() {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.mainPort()))
                .applyToSocketSettings(s -> s.readTimeout(30, TimeUnit.SECONDS))
                .build());
    }

    int mainPort() {
        return server.mainPort();
    }

    BsonDocument serverStatus() {
        return client.getDatabase("admin").runCommand(new Document("serverStatus", 1), BsonDocument.class);
    }

    long openCursors() {
        return serverStatus().getDocument("metrics").getDocument("cursor").getDocument("open")
                .getNumber("total").longValue();
    }

    BsonDocument transactions() {
        return serverStatus().getDocument("transactions");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Poll {@code condition} every 10 ms until it holds or {@code millis} pass; returns whether it held. */
    static boolean await(long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
