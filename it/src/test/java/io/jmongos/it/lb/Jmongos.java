package io.jmongos.it.lb;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt32;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.ConnectionString;

import io.jmongos.server.JmongosServer;

/** In-process jmongos servers for the load balancer tests, on free loopback ports with the LB port on. */
final class Jmongos {
    private Jmongos() {
    }

    /** A jmongos on 127.0.0.1 with {@code --setParameter loadBalancerPort=<free port>} and the extra arguments. */
    static JmongosServer startWithLoadBalancerPort(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bind_ip", "127.0.0.1",
                "--setParameter", "loadBalancerPort=" + FreePorts.next()));
        args.addAll(List.of(extraArgs));
        return JmongosServer.start(args);
    }

    /**
     * A plain (not load-balanced) client on the server's main port, for looking at it from outside. Polling
     * monitoring keeps its own connection count steady (no extra RTT connection).
     */
    static MongoClient mainPortClient(JmongosServer server) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.mainPort()
                        + "/?directConnection=true&serverSelectionTimeoutMS=5000&serverMonitoringMode=poll"))
                .build());
    }

    static BsonDocument serverStatus(MongoClient client) {
        return client.getDatabase("admin").runCommand(new BsonDocument("serverStatus", new BsonInt32(1)),
                BsonDocument.class);
    }

    /** The message of an exception and of every cause, joined (drivers wrap the server's error). */
    static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
