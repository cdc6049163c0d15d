package io.jmongos.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.jmongos.server.JmongosServer;

/** Garbage on one socket closes that connection with one log line; everyone else keeps being served. */
class MalformedInputTest {
    /** How long the test waits for the server to close a bad connection. */
    static final int READ_TIMEOUT_MS = 20_000;

    private JmongosServer server;
    private MongoClient client;

    @BeforeEach
    void start() {
        server = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1"));
        client = Clients.plain(server.mainAddress());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private boolean sendAndExpectClose(byte[] bytes) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.mainPort())) {
            s.setSoTimeout(READ_TIMEOUT_MS);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            try {
                return in.read() == -1;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
    }

    private int ping() {
        return client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok", Number.class).intValue();
    }

    @Test
    void garbageClosesThatConnectionOnly() throws IOException {
        assertThat(ping()).isEqualTo(1);
        assertThat(sendAndExpectClose("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes())).isTrue();
        assertThat(ping()).isEqualTo(1);
        byte[] hugeLength = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0, 0, 0, 0};
        assertThat(sendAndExpectClose(hugeLength)).isTrue();
        byte[] badSection = {26, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, (byte) 0xdd, 0x07, 0, 0, 0, 0, 0, 0, 9, 5, 0, 0,
            0, 0};
        assertThat(sendAndExpectClose(badSection)).isTrue();
        assertThat(ping()).isEqualTo(1);
        Document log = client.getDatabase("admin").runCommand(new Document("getLog", "global"));
        assertThat(log.getList("log", String.class)).anySatisfy(line -> assertThat(line)
                .contains("\"id\":22988").contains("Error receiving request from client")
                .contains("\"remote\":\"127.0.0.1:"));
    }
}
