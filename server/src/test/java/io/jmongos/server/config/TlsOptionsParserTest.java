package io.jmongos.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jmongos.router.frontend.tls.TlsClusterSettings;
import io.jmongos.router.frontend.tls.TlsMode;
import io.jmongos.router.frontend.tls.TlsSettings;
import io.jmongos.server.StartupException;

/** The TLS options: mongod's flag names and net.tls.* keys, command line over config file. */
class TlsOptionsParserTest {
    @TempDir
    Path tmp;

    @Test
    void offByDefault() {
        TlsSettings t = SettingsParser.parse(List.of()).tls();
        assertThat(t.mode()).isEqualTo(TlsMode.DISABLED);
        assertThat(t.disabledProtocols()).containsExactly("TLS1_0");
    }

    @Test
    void commandLine() {
        ServerSettings s = SettingsParser.parse(List.of("--tlsMode", "preferTLS", "--tlsCertificateKeyFile", "/k.pem",
                "--tlsCertificateKeyFilePassword", "pw", "--tlsCAFile", "/ca.pem",
                "--tlsAllowConnectionsWithoutCertificates", "--tlsAllowInvalidCertificates",
                "--tlsDisabledProtocols", "TLS1_0,TLS1_1"));
        TlsSettings t = s.tls();
        assertThat(t.mode()).isEqualTo(TlsMode.PREFER_TLS);
        assertThat(t.certificateKeyFile()).isEqualTo(Path.of("/k.pem"));
        assertThat(t.certificateKeyFilePassword()).isEqualTo("pw");
        assertThat(t.caFile()).isEqualTo(Path.of("/ca.pem"));
        assertThat(t.allowConnectionsWithoutCertificates()).isTrue();
        assertThat(t.allowInvalidCertificates()).isTrue();
        assertThat(t.disabledProtocols()).containsExactlyInAnyOrder("TLS1_0", "TLS1_1");
        assertThat(s.parsed().getDocument("net").getDocument("tls").getString("certificateKeyFilePassword")
                .getValue()).as("never the password").isEqualTo("<password>");
    }

    @Test
    void clusterOptions() {
        ServerSettings s = SettingsParser.parse(List.of("--tlsMode", "requireTLS", "--tlsCertificateKeyFile", "/k.pem",
                "--tlsCAFile", "/ca.pem", "--tlsClusterFile", "/member.pem", "--tlsClusterPassword", "pw",
                "--tlsClusterCAFile", "/members-ca.pem", "--tlsAllowInvalidHostnames"));
        TlsClusterSettings c = s.tls().cluster();
        assertThat(c.clusterFile()).isEqualTo(Path.of("/member.pem"));
        assertThat(c.clusterPassword()).isEqualTo("pw");
        assertThat(c.clusterCAFile()).isEqualTo(Path.of("/members-ca.pem"));
        assertThat(c.allowInvalidHostnames()).isTrue();
        assertThat(s.tls().outgoingUsesTls()).isTrue();
        BsonDocument tls = s.parsed().getDocument("net").getDocument("tls");
        assertThat(tls.getString("clusterPassword").getValue()).as("never the password").isEqualTo("<password>");
        assertThat(tls.getString("clusterFile").getValue()).isEqualTo("/member.pem");
        assertThat(tls.getBoolean("allowInvalidHostnames").getValue()).isTrue();
    }

    @Test
    void outgoingLinksUseTlsInPreferAndRequireModesOnly() {
        assertThat(SettingsParser.parse(List.of()).tls().outgoingUsesTls()).isFalse();
        for (String mode : List.of("allowTLS", "preferTLS", "requireTLS")) {
            assertThat(SettingsParser.parse(List.of("--tlsMode", mode, "--tlsCertificateKeyFile", "/k.pem")).tls()
                    .outgoingUsesTls()).as(mode).isEqualTo(!mode.equals("allowTLS"));
        }
    }

    @Test
    void clusterKeysInTheConfigFile() throws IOException {
        Path cfg = tmp.resolve("cluster.conf");
        Files.writeString(cfg, String.join("\n", "net:", "  tls:", "    mode: preferTLS",
                "    certificateKeyFile: /srv/server.pem", "    CAFile: /srv/ca.pem",
                "    clusterFile: /srv/member.pem", "    clusterPassword: pw", "    clusterCAFile: /srv/members.pem",
                "    allowInvalidHostnames: true", ""));
        TlsClusterSettings c = SettingsParser.parse(List.of("--config", cfg.toString())).tls().cluster();
        assertThat(c).isEqualTo(new TlsClusterSettings(Path.of("/srv/member.pem"), "pw", Path.of("/srv/members.pem"),
                true));
        TlsClusterSettings over = SettingsParser.parse(List.of("--config", cfg.toString(), "--tlsClusterFile",
                "/other.pem")).tls().cluster();
        assertThat(over.clusterFile()).isEqualTo(Path.of("/other.pem"));
    }

    @Test
    void configFileKeysAndOverride() throws IOException {
        Path cfg = tmp.resolve("tls.conf");
        Files.writeString(cfg, String.join("\n", "net:", "  tls:", "    mode: requireTLS",
                "    certificateKeyFile: /srv/server.pem", "    CAFile: /srv/ca.pem",
                "    allowConnectionsWithoutCertificates: true", "    disabledProtocols: none", ""));
        TlsSettings t = SettingsParser.parse(List.of("--config", cfg.toString())).tls();
        assertThat(t.mode()).isEqualTo(TlsMode.REQUIRE_TLS);
        assertThat(t.certificateKeyFile()).isEqualTo(Path.of("/srv/server.pem"));
        assertThat(t.caFile()).isEqualTo(Path.of("/srv/ca.pem"));
        assertThat(t.allowConnectionsWithoutCertificates()).isTrue();
        assertThat(t.disabledProtocols()).isEmpty();
        TlsSettings over = SettingsParser.parse(List.of("--config", cfg.toString(), "--tlsMode", "allowTLS")).tls();
        assertThat(over.mode()).isEqualTo(TlsMode.ALLOW_TLS);
    }

    @Test
    void badValuesAreOneLine() throws IOException {
        assertThatThrownBy(() -> SettingsParser.parse(List.of("--tlsMode", "on")))
                .isInstanceOf(StartupException.class).hasMessageContaining("--tlsMode");
        assertThatThrownBy(() -> SettingsParser.parse(List.of("--tlsDisabledProtocols", "TLS1_0,TLS1_2,TLS1_1,TLS1_3")))
                .isInstanceOf(StartupException.class).hasMessageContaining("disables every TLS protocol");
        Path cfg = tmp.resolve("bad.conf");
        Files.writeString(cfg, "net:\n  tls:\n    modee: requireTLS\n");
        assertThatThrownBy(() -> SettingsParser.parse(List.of("--config", cfg.toString())))
                .isInstanceOf(StartupException.class).hasMessageContaining("net.tls.modee");
    }
}
