package io.jmongos.router.frontend.tls;

import java.util.Locale;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * Which TLS implementation serves the ports: OpenSSL (BoringSSL from netty-tcnative-boringssl-static) where its
 * native library loads, the JDK's otherwise. The system property {@value #PROPERTY} ({@code openssl} or
 * {@code jdk}) forces one (tests run both).
 */
public final class TlsProvider {
    /** System property that forces the provider. */
    public static final String PROPERTY = "jmongos.tlsProvider";

    private TlsProvider() {
    }

    /** The provider to use. */
    public static SslProvider choose() {
        String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("jdk")) {
            return SslProvider.JDK;
        }
        if (forced.equals("openssl")) {
            OpenSsl.ensureAvailability();
            return SslProvider.OPENSSL;
        }
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** A description for the startup log: "OpenSSL (BoringSSL ...)" or "JDK (...)". */
    public static String describe(SslProvider provider) {
        if (provider == SslProvider.JDK) {
            String why = OpenSsl.isAvailable() ? "forced" : String.valueOf(OpenSsl.unavailabilityCause());
            return "JDK " + System.getProperty("java.version") + " (OpenSSL not used: " + why + ")";
        }
        return "OpenSSL (" + OpenSsl.versionString() + ")";
    }
}
