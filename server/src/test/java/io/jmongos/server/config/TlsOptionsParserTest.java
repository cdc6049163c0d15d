package io.jmongos.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
