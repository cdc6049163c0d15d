package io.jmongos.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.jmongos.it.lb.ErrorLogCapture;
import io.jmongos.it.security.TestCertificates;
import io.jmongos.router.frontend.tls.TlsProvider;
import io.jmongos.server.JmongosServer;
import io.jmongos.wire.client.WireClientConnection;
import io.jmongos.wire.client.WireClientException;
import io.jmongos.wire.client.WireClientOptions;
import io.jmongos.wire.client.WireClientResources;
import io.jmongos.wire.client.WireClientSecurity;

/**
 * TLS between cluster members ({@code --tlsClusterFile}, {@code --tlsClusterCAFile}, MongoDB's rules) in one JVM over
 * real TCP, with certificates the test makes: a config server in preferTLS (signed by the config CA), two shard
 * servers in requireTLS (signed by the members CA; incoming client certificates checked against the members CA with
 * {@code --tlsClusterCAFile}, their own links to the config server checked with {@code --tlsCAFile}, which holds both
 * CAs) and a requireTLS router that presents an encrypted cluster certificate. The official Java driver with TLS reads
 * and writes through the router. A router whose tlsCAFile lacks the members CA, and a plaintext router, reach the
 * config server (preferTLS takes both) but not the shards: one "Shard host is unreachable" line and HostUnreachable
 * (6) naming the reason. Plus host name verification ({@code --tlsAllowInvalidHostnames}) and the cluster
 * certificate's rotation.
 */
class ClusterTlsTest {
    private static final String CLUSTER_PASSWORD = "member-secret";

    @TempDir
    static Path dir;

    private static final List<JmongosServer> SERVERS = new ArrayList<>();
    private static TestCertificates members;
    private static TestCertificates configCa;
    private static Path bothCas;
    private static JmongosServer config;
    private static JmongosServer router;
    private static Path routerClusterFile;

    @BeforeAll
    static void startCluster() throws Exception {
        members = TestCertificates.create(dir, "Members CA");
        configCa = TestCertificates.create(dir, "Config CA");
        bothCas = TestCertificates.bundle(dir.resolve("both-cas.pem"), members, configCa);
        config = start("--configsvr", "--tlsMode", "preferTLS",
                "--tlsCertificateKeyFile", configCa.serverFile("config", null).toString(),
                "--tlsCAFile", bothCas.toString(), "--tlsAllowConnectionsWithoutCertificates");
        JmongosServer shardA = startShard("shard-a");
        JmongosServer shardB = startShard("shard-b");
        routerClusterFile = members.serverFile("router-member", CLUSTER_PASSWORD);
        router = start("--configdb", config.mainAddress(), "--tlsMode", "requireTLS",
                "--tlsCertificateKeyFile", members.serverFile("router", null).toString(),
                "--tlsClusterFile", routerClusterFile.toString(), "--tlsClusterPassword", CLUSTER_PASSWORD,
                "--tlsCAFile", bothCas.toString(), "--tlsAllowConnectionsWithoutCertificates");
        try (MongoClient c = tlsClient(router)) {
            assertThat(c.getDatabase("admin").runCommand(new Document("addShard", shardA.mainAddress()))
                    .getString("shardAdded")).isEqualTo(InJvmCluster.SHARD_A);
            assertThat(c.getDatabase("admin").runCommand(new Document("addShard", shardB.mainAddress()))
                    .getString("shardAdded")).isEqualTo(InJvmCluster.SHARD_B);
            c.getDatabase("shop").getCollection("items").insertOne(new Document("_id", 1).append("name", "pen"));
        }
    }

    /** A shard server: requireTLS, client certificates from the members CA only, the config server's CA trusted. */
    private static JmongosServer startShard(String name) throws Exception {
        return start("--shardsvr", "--tlsMode", "requireTLS",
                "--tlsCertificateKeyFile", members.serverFile(name, null).toString(),
                "--tlsCAFile", bothCas.toString(), "--tlsClusterCAFile", members.caFile().toString());
    }

    private static JmongosServer start(String... args) {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--bind_ip", "127.0.0.1"));
        all.addAll(List.of(args));
        JmongosServer s = JmongosServer.start(all);
        SERVERS.add(s);
        return s;
    }

    @AfterAll
    static void stopCluster() {
        for (int i = SERVERS.size() - 1; i >= 0; i--) {
            SERVERS.get(i).close();
        }
    }

    /** The driver with tls=true, trusting the members CA (the routers' certificates). */
    private static MongoClient tlsClient(JmongosServer server) throws Exception {
        SSLContext trust = members.clientContext(null);
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + server.mainAddress()
                        + "/?directConnection=true&tls=true&serverSelectionTimeoutMS=5000"))
                .applyToSslSettings(s -> s.enabled(true).context(trust)).build());
    }

    private static MongoClient plainClient(JmongosServer server) {
        return MongoClients.create("mongodb://" + server.mainAddress()
                + "/?directConnection=true&serverSelectionTimeoutMS=5000");
    }

    @Test
    void theDriverWithTlsReadsAndWritesThroughTheRouter() throws Exception {
        try (MongoClient c = tlsClient(router)) {
            MongoCollection<Document> items = c.getDatabase("shop").getCollection("items");
            assertThat(items.find(new Document("_id", 1)).first()).containsEntry("name", "pen");
            MongoCollection<Document> orders = c.getDatabase("orders").getCollection("open");
            orders.insertOne(new Document("_id", "o1").append("qty", 3));
            orders.updateOne(new Document("_id", "o1"), new Document("$inc", new Document("qty", 1)));
            assertThat(orders.find(new Document("_id", "o1")).first()).containsEntry("qty", 4);
            try (com.mongodb.client.ClientSession s = c.startSession()) {
                s.withTransaction(() -> orders.insertOne(s, new Document("_id", "o2").append("qty", 1)));
            }
            assertThat(orders.countDocuments()).isEqualTo(2);
            assertThat(c.getDatabase("admin").runCommand(new Document("listShards", 1))
                    .getList("shards", Document.class)).hasSize(2);
        }
    }

    @Test
    void aRouterWithoutTheMembersCaCannotReachTheShardsAndSaysSo() throws Exception {
        try (ErrorLogCapture log = new ErrorLogCapture()) {
            JmongosServer stranger = start("--configdb", config.mainAddress(), "--tlsMode", "requireTLS",
                    "--tlsCertificateKeyFile", members.serverFile("stranger", null).toString(),
                    "--tlsCAFile", configCa.caFile().toString(), "--tlsAllowConnectionsWithoutCertificates");
            try (MongoClient c = tlsClient(stranger)) {
                assertThat(c.getDatabase("admin").runCommand(new Document("listShards", 1))
                        .getList("shards", Document.class)).as("the config server is reached").hasSize(2);
                assertThatThrownBy(() -> c.getDatabase("shop").getCollection("items").find().first())
                        .isInstanceOfSatisfying(MongoException.class, e -> {
                            assertThat(e.getCode()).isEqualTo(6);
                            assertThat(e.getMessage()).contains("TLS handshake failed", "is not trusted",
                                    "tlsCAFile");
                        });
            }
            assertOneLinePerShardHost(log, "TLS handshake failed");
        }
    }

    @Test
    void aPlaintextRouterCannotReachARequireTlsShardAndSaysSo() {
        try (ErrorLogCapture log = new ErrorLogCapture()) {
            JmongosServer plain = start("--configdb", config.mainAddress());
            try (MongoClient c = plainClient(plain)) {
                assertThatThrownBy(() -> c.getDatabase("shop").getCollection("items").find().first())
                        .isInstanceOfSatisfying(MongoException.class, e -> {
                            assertThat(e.getCode()).isEqualTo(6);
                            assertThat(e.getMessage()).contains("does it require TLS?");
                        });
            }
            assertOneLinePerShardHost(log, "does it require TLS?");
        }
    }

    @Test
    void outgoingLinksCheckTheHostNameUnlessAllowInvalidHostnames() throws Exception {
        // a member whose certificate (from a trusted CA) names another host than the address it is dialled at
        SSLContext misnamed = members.clientContext(members.named("misnamed", "elsewhere.invalid"));
        Probe strict = probe(router, misnamed);
        assertThat(strict.presented()).as("the router gives up before it sends its certificate").isNull();
        assertThat(strict.error().getMessage()).contains("TLS handshake failed", "does not name",
                "tlsAllowInvalidHostnames");
        JmongosServer lax = start("--configdb", config.mainAddress(), "--tlsMode", "requireTLS",
                "--tlsCertificateKeyFile", members.serverFile("lax", null).toString(),
                "--tlsCAFile", bothCas.toString(), "--tlsAllowConnectionsWithoutCertificates",
                "--tlsAllowInvalidHostnames");
        assertThat(probe(lax, misnamed).presented()).as("the name is not checked, the chain still is")
                .contains("CN=lax");
        TestCertificates unknown = TestCertificates.create(dir, "Unknown CA");
        SSLContext untrusted = unknown.clientContext(unknown.client("unknown"));
        assertThat(probe(lax, untrusted).error().getMessage()).contains("is not trusted");
        // the JDK's TLS checks the name as OpenSSL's does
        System.setProperty(TlsProvider.PROPERTY, "jdk");
        JmongosServer jdk;
        try {
            jdk = start("--configdb", config.mainAddress(), "--tlsMode", "requireTLS",
                    "--tlsCertificateKeyFile", members.serverFile("jdk", null).toString(),
                    "--tlsCAFile", bothCas.toString(), "--tlsAllowConnectionsWithoutCertificates");
        } finally {
            System.clearProperty(TlsProvider.PROPERTY);
        }
        assertThat(jdk.frontend().tls().outgoing().getClass().getSimpleName()).startsWith("Jdk");
        assertThat(probe(jdk, misnamed).error().getMessage()).contains("does not name", "tlsAllowInvalidHostnames");
        assertThat(probe(jdk, members.clientContext(members.client("probe"))).presented()).contains("CN=jdk");
    }

    @Test
    void aMemberThatRefusesTheClusterCertificateIsNamed() throws Exception {
        // a member with a certificate the router trusts, which trusts only another CA's client certificates
        TestCertificates unknown = TestCertificates.create(dir, "Strict CA");
        Probe refused = probe(router, members.contextTrusting(members.client("picky"), unknown));
        assertThat(refused.presented()).isNull();
        assertThat(refused.error().getMessage()).contains("refused this process's certificate", "tlsClusterFile");
    }

    @Test
    void theRouterPresentsItsClusterFileAndRotatesIt() throws Exception {
        assertThat(probe(router, members.clientContext(members.client("probe"))).presented())
                .contains("CN=router-member");
        Files.copy(members.serverFile("router-member-rotated", CLUSTER_PASSWORD), routerClusterFile,
                StandardCopyOption.REPLACE_EXISTING);
        try (MongoClient c = tlsClient(router)) {
            assertThat(c.getDatabase("admin").runCommand(new Document("rotateCertificates", 1)
                    .append("message", "new cluster certificate")).get("ok")).isEqualTo(1.0);
            assertThat(probe(router, members.clientContext(members.client("probe"))).presented())
                    .contains("CN=router-member-rotated");
            // the shards still take the router: new links present the rotated certificate, old ones stay open
            assertThat(c.getDatabase("shop").getCollection("items").find(new Document("_id", 1)).first())
                    .containsEntry("name", "pen");
        }
    }

    /**
     * At least one "Shard host is unreachable" line (the shard the request went to), at most one per shard host (the
     * router may also have tried the other shard), each with {@code reason}.
     */
    private static void assertOneLinePerShardHost(ErrorLogCapture log, String reason) {
        List<ILoggingEvent> unreachable = log.withMessage("Shard host is unreachable");
        assertThat(unreachable).isNotEmpty();
        List<String> hosts = unreachable.stream().map(e -> e.getKeyValuePairs().stream()
                .filter(kv -> kv.key.equals("host")).findFirst().orElseThrow().value.toString()).toList();
        assertThat(hosts).as("one line per host").doesNotHaveDuplicates();
        assertThat(unreachable).allSatisfy(e -> assertThat(e.getKeyValuePairs().toString()).contains(reason));
    }

    /** What one outgoing link of a member showed: the subject of its client certificate, and its error. */
    private record Probe(String presented, WireClientException error) {
    }

    /**
     * One new outgoing link of {@code member}, made with the member's own outgoing TLS context, to a TLS server
     * socket with {@code serverSide}'s certificate that requires a client certificate and closes after the handshake
     * (so the link's hello gets no reply and the link fails after TLS, or during TLS when the member refuses).
     */
    private static Probe probe(JmongosServer member, SSLContext serverSide) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) serverSide.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(10));
                    s.startHandshake();
                    return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                            .getName();
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            WireClientOptions options = WireClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(5))
                    .withSecurity(WireClientSecurity.NONE.withTls(member.frontend().tls().outgoingContexts()));
            WireClientException error = null;
            try {
                WireClientConnection.connect(WireClientResources.shared(), new InetSocketAddress(
                        InetAddress.getLoopbackAddress(), listener.getLocalPort()), options).close();
            } catch (WireClientException e) {
                error = e;
            }
            return new Probe(seen.get(10, TimeUnit.SECONDS), error);
        }
    }
}
