package io.jmongos.bench.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jmongos.router.frontend.tls.TlsClusterSettings;
import io.jmongos.router.frontend.tls.TlsContextLoader;
import io.jmongos.router.frontend.tls.TlsMode;
import io.jmongos.router.frontend.tls.TlsSettings;
import io.netty.handler.ssl.SslProvider;

/** The run's certificate is a PEM file jmongos accepts, and its CA file builds a client context. */
class BenchSecurityTest {
    @TempDir
    Path dir;

    @Test
    void jmongosLoadsTheCertificateAndClientsTrustIt() throws Exception {
        BenchSecurity s = BenchSecurity.create(dir);
        assertThat(Files.readString(s.certificateKeyFile())).contains("BEGIN CERTIFICATE", "BEGIN PRIVATE KEY");
        TlsSettings settings = new TlsSettings(TlsMode.REQUIRE_TLS, s.certificateKeyFile(), null, null, false, false,
                Set.of("TLS1_0"), TlsClusterSettings.NONE);
        assertThat(TlsContextLoader.load(settings, SslProvider.JDK).isServer()).isTrue();
        assertThat(s.nettyClientContext().isClient()).isTrue();
    }
}
