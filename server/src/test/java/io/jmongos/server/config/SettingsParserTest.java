package io.jmongos.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jmongos.server.StartupException;

class SettingsParserTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsAreMongosDefaults() {
        ServerSettings s = SettingsParser.parse(List.of());
        assertThat(s.port()).isEqualTo(27017);
        assertThat(s.bindIps()).containsExactly("localhost");
        assertThat(s.bindAll()).isFalse();
        assertThat(s.compressors()).containsExactly("snappy", "zstd", "zlib");
        assertThat(s.maxConns()).isEqualTo(1_000_000);
        assertThat(s.dbPath()).isNull();
        assertThat(s.logPath()).isNull();
        assertThat(s.verbosity()).isZero();
        assertThat(s.slowMs()).isEqualTo(100);
        assertThat(s.setParameters()).isEmpty();
        assertThat(s.parsed()).isEqualTo(new BsonDocument());
    }

    @Test
    void commandLineOptions() throws IOException {
        Path db = Files.createDirectory(tmp.resolve("db"));
        ServerSettings s = SettingsParser.parse(List.of("--port", "0", "--bind_ip", "127.0.0.1, ::1",
                "--setParameter", "loadBalancerPort=27018", "--setParameter", "cursorTimeoutMillis=1000",
                "--dbpath", db.toString(), "--maxConns", "50", "--networkMessageCompressors", "zlib",
                "-vv", "--slowms", "5"));
        assertThat(s.port()).isZero();
        assertThat(s.bindIps()).containsExactly("127.0.0.1", "::1");
        assertThat(s.setParameters()).containsEntry("loadBalancerPort", new BsonString("27018"))
                .containsEntry("cursorTimeoutMillis", new BsonString("1000"));
        assertThat(s.dbPath()).isEqualTo(db);
        assertThat(s.maxConns()).isEqualTo(50);
        assertThat(s.compressors()).containsExactly("zlib");
        assertThat(s.verbosity()).isEqualTo(2);
        assertThat(s.slowMs()).isEqualTo(5);
        assertThat(s.parsed().getDocument("net")).isEqualTo(BsonDocument.parse("{port: 0, bindIp: '127.0.0.1, ::1',"
                + " maxIncomingConnections: 50, compression: {compressors: 'zlib'}}"));
        assertThat(s.parsed().getDocument("setParameter").getString("loadBalancerPort").getValue()).isEqualTo("27018");
    }

    @Test
    void compressorsCanBeDisabledButNotMisspelled() {
        assertThat(SettingsParser.parse(List.of("--networkMessageCompressors", "disabled")).compressors()).isEmpty();
        assertThatThrownBy(() -> SettingsParser.parse(List.of("--networkMessageCompressors", "snappy,lz4")))
                .isInstanceOf(StartupException.class).hasMessageContaining("lz4");
    }

    @Test
    void badOptionsAreOneLineErrors() {
        assertOneLine(List.of("--nope"), "Unknown option: '--nope'");
        assertOneLine(List.of("--port", "abc"), "--port");
        assertOneLine(List.of("--port", "70000"), "--port");
        assertOneLine(List.of("--setParameter", "novalue"), "novalue");
        assertOneLine(List.of("--maxConns", "0"), "--maxConns");
        assertOneLine(List.of("--dbpath", tmp.resolve("missing").toString()), "not found");
        assertOneLine(List.of("--bind_ip", "127.0.0.1", "--bind_ip_all"), "bind_ip");
        assertOneLine(List.of("--config", tmp.resolve("missing.yaml").toString()), "missing.yaml");
    }

    @Test
    void configFileInMongodShape() throws IOException {
        Path db = Files.createDirectory(tmp.resolve("data"));
        Path cfg = tmp.resolve("jmongos.conf");
        Files.writeString(cfg, String.join("\n",
                "net:",
                "  port: 28000",
                "  bindIp: 127.0.0.1,::1",
                "  maxIncomingConnections: 20",
                "  compression:",
                "    compressors: zstd,snappy",
                "setParameter:",
                "  loadBalancerPort: 28001",
                "  enableSomething: true",
                "storage:",
                "  dbPath: " + db,
                "systemLog:",
                "  destination: file",
                "  path: " + tmp.resolve("j.log"),
                "  verbosity: 1",
                ""));
        ServerSettings s = SettingsParser.parse(List.of("--config", cfg.toString()));
        assertThat(s.port()).isEqualTo(28000);
        assertThat(s.bindIps()).containsExactly("127.0.0.1", "::1");
        assertThat(s.maxConns()).isEqualTo(20);
        assertThat(s.compressors()).containsExactly("zstd", "snappy");
        assertThat(s.setParameters()).containsEntry("loadBalancerPort", new BsonInt32(28001));
        assertThat(s.dbPath()).isEqualTo(db);
        assertThat(s.logPath()).isEqualTo(tmp.resolve("j.log"));
        assertThat(s.verbosity()).isEqualTo(1);
        assertThat(s.parsed().getString("config").getValue()).isEqualTo(cfg.toString());
        assertThat(s.parsed().getDocument("storage").getString("dbPath").getValue()).isEqualTo(db.toString());

        ServerSettings overridden = SettingsParser.parse(List.of("--config", cfg.toString(), "--port", "0"));
        assertThat(overridden.port()).isZero();
    }

    @Test
    void configFileUnknownKeyIsNamed() throws IOException {
        Path cfg = tmp.resolve("bad.conf");
        Files.writeString(cfg, "net:\n  port: 1\n  bindIpp: x\n");
        assertOneLine(List.of("--config", cfg.toString()), "net.bindIpp");
        Files.writeString(cfg, "replication:\n  replSetName: rs0\n");
        assertOneLine(List.of("--config", cfg.toString()), "replication.replSetName");
        Files.writeString(cfg, "net:\n  port: abc\n");
        assertOneLine(List.of("--config", cfg.toString()), "net.port");
        Files.writeString(cfg, "net: [1, 2\n");
        assertOneLine(List.of("--config", cfg.toString()), "YAML");
    }

    @Test
    void clusterRoleAndConfigDbFromTheConfigFile() throws IOException {
        Path cfg = tmp.resolve("shard.yaml");
        Files.writeString(cfg, "sharding:\n  clusterRole: shardsvr\n");
        ServerSettings s = SettingsParser.parse(List.of("--config", cfg.toString()));
        assertThat(s.clusterRole()).isEqualTo(io.jmongos.router.ClusterRole.SHARDSVR);
        assertThat(s.configDb()).isEmpty();
        assertThat(s.parsed().getDocument("sharding").getString("clusterRole").getValue()).isEqualTo("shardsvr");
        assertThat(SettingsParser.parse(List.of("--config", cfg.toString(), "--shardsvr")).clusterRole())
                .isEqualTo(io.jmongos.router.ClusterRole.SHARDSVR);
        assertOneLine(List.of("--config", cfg.toString(), "--configsvr"), "contradicts sharding.clusterRole");
        Files.writeString(cfg, "sharding:\n  clusterRole: arbiter\n");
        assertOneLine(List.of("--config", cfg.toString()), "sharding.clusterRole");
        Files.writeString(cfg, "sharding:\n  configDB: cfg/a:1,b:2\n");
        s = SettingsParser.parse(List.of("--config", cfg.toString()));
        assertThat(s.clusterRole()).isEqualTo(io.jmongos.router.ClusterRole.NONE);
        assertThat(s.configDb()).containsExactly("a:1", "b:2");
        assertThat(s.configDbSetName()).isEqualTo("cfg");
        assertThat(s.parsed().getDocument("sharding").getString("configDB").getValue()).isEqualTo("cfg/a:1,b:2");
        Files.writeString(cfg, "sharding:\n  configDB: a:1\n  clusterRole: configsvr\n");
        assertOneLine(List.of("--config", cfg.toString()), "--configdb cannot be given with --configsvr");
    }

    @Test
    void noRoleIsARouter() {
        ServerSettings s = SettingsParser.parse(List.of());
        assertThat(s.clusterRole()).isEqualTo(io.jmongos.router.ClusterRole.NONE);
        assertThat(s.configDb()).isEmpty();
        assertThat(s.configDbSetName()).isNull();
        assertThat(s.parsed().containsKey("sharding")).isFalse();
        assertThat(SettingsParser.parse(List.of("--configdb", "[::1]:27019,h:2")).configDb())
                .containsExactly("[::1]:27019", "h:2");
    }

    private static void assertOneLine(List<String> args, String mentions) {
        assertThatThrownBy(() -> SettingsParser.parse(args)).isInstanceOf(StartupException.class)
                .hasMessageContaining(mentions).hasMessageNotContaining("\n");
    }
}
