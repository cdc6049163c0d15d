package io.jmongos.it.conformance;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import com.mongodb.client.MongoClient;

import io.jmongos.server.JmongosServer;

/**
 * A test class's own jmongos, in this process on a free loopback port, and an official Java driver client for it:
 * started once before the class's tests, stopped after them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InProcessServerTest {
    protected JmongosServer server;
    protected MongoClient client;

    /** Command-line arguments of the server under test: in memory on a free loopback port unless overridden. */
    protected List<String> serverArgs() {
        return List.of("--port", "0", "--bind_ip", "127.0.0.1");
    }

    @BeforeAll
    void startServer() {
        server = JmongosServer.start(serverArgs());
        client = Clients.plain(server.mainAddress());
    }

    @AfterAll
    void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
