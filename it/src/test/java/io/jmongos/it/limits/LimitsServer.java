package io.jmongos.it.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.server.JmongosServer;

/** An in-process server on a free loopback port, and driver clients for it. */
final class LimitsServer {
    /** Server selection and connect deadline: generous for a loaded box; tests assert behaviour, not speed. */
    static final int TIMEOUT_SECONDS = 30;

    private LimitsServer() {
    }

    static JmongosServer start(String... setParameters) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bind_ip", "127.0.0.1"));
        for (String p : setParameters) {
            args.add("--setParameter");
            args.add(p);
        }
        return JmongosServer.start(args);
    }

    /** serverStatus {@code connections.totalCreated}: unchanged across a test means no connection was closed. */
    static long connectionsOpened(MongoClient client) {
        Document status = client.getDatabase("admin").runCommand(new Document("serverStatus", 1));
        return ((Document) status.get("connections")).get("totalCreated", Number.class).longValue();
    }

    /** A client with one connection in its pool, so every operation of a test runs on the same connection. */
    static MongoClient singleConnectionClient(JmongosServer server) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + server.mainAddress()))
                .applyToConnectionPoolSettings(b -> b.maxSize(1).minSize(1))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .build());
    }
}
