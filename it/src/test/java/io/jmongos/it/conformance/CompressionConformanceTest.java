package io.jmongos.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mongodb.MongoCompressor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import io.jmongos.server.JmongosServer;

/**
 * Compression with each of snappy, zlib and zstd: the server must negotiate the driver's compressor, decompress
 * its requests and compress its replies with it. Proven by serverStatus.network.compression, which counts
 * OP_COMPRESSED messages per compressor in both directions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressionConformanceTest {
    private JmongosServer server;

    @BeforeAll
    void start() {
        server = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static MongoCompressor compressor(String name) {
        return switch (name) {
            case "snappy" -> MongoCompressor.createSnappyCompressor();
            case "zlib" -> MongoCompressor.createZlibCompressor();
            case "zstd" -> MongoCompressor.createZstdCompressor();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zlib", "zstd"})
    void compressorIsNegotiatedAndUsedBothWays(String name) {
        try (MongoClient c = Clients.create(server.mainAddress(), List.of(compressor(name)))) {
            Document negotiated = c.getDatabase("admin").runCommand(new Document("hello", 1)
                    .append("compression", List.of(name)));
            assertThat(negotiated.getList("compression", String.class)).containsExactly(name);

            Document before = counters(c, name);
            MongoCollection<Document> coll = c.getDatabase("compression").getCollection(name);
            coll.drop();
            String text = "compressible text ".repeat(50_000);
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                docs.add(new Document("_id", i).append("text", text));
            }
            coll.insertMany(docs);
            assertThat(coll.find(Filters.gte("_id", 10)).into(new ArrayList<>())).hasSize(10)
                    .allSatisfy(d -> assertThat(d.getString("text")).isEqualTo(text));
            Document after = counters(c, name);

            Document decompIn = before.get("decompressor", Document.class);
            Document decompOut = after.get("decompressor", Document.class);
            assertThat(number(decompOut, "messages")).isGreaterThan(number(decompIn, "messages"));
            assertThat(number(decompOut, "bytesOut") - number(decompIn, "bytesOut"))
                    .as("uncompressed request bytes").isGreaterThan(number(decompOut, "bytesIn")
                            - number(decompIn, "bytesIn"));
            Document compIn = before.get("compressor", Document.class);
            Document compOut = after.get("compressor", Document.class);
            assertThat(number(compOut, "messages")).isGreaterThan(number(compIn, "messages"));
            assertThat(number(compOut, "bytesIn") - number(compIn, "bytesIn"))
                    .as("uncompressed reply bytes").isGreaterThan(number(compOut, "bytesOut")
                            - number(compIn, "bytesOut"));
        }
    }

    private static Document counters(MongoClient c, String name) {
        Document status = c.getDatabase("admin").runCommand(new Document("serverStatus", 1));
        Document comp = status.get("network", Document.class).get("compression", Document.class);
        Document zero = new Document("bytesIn", 0L).append("bytesOut", 0L).append("messages", 0L);
        Document mine = comp.get(name, Document.class);
        return mine != null ? mine : new Document("compressor", zero).append("decompressor", zero);
    }

    private static long number(Document d, String field) {
        return d.get(field, Number.class).longValue();
    }
}
