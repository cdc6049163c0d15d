package io.jmongos.server;

import io.jmongos.router.frontend.tls.TlsConfigException;
import sun.misc.Signal;

/**
 * SIGHUP reloads the TLS certificate files (as {@code rotateCertificates} does); a bad file is logged and the old
 * certificates stay in use. Uses {@code sun.misc.Signal} (module jdk.unsupported), the JDK's only signal hook.
 */
final class CertificateReloadSignal {
    private CertificateReloadSignal() {
    }

    static void install(JmongosServer server) {
        if (!server.settings().tls().mode().enabled()) {
            return;
        }
        try {
            Signal.handle(new Signal("HUP"), s -> {
                try {
                    server.rotateCertificates("SIGHUP");
                } catch (TlsConfigException e) {
                    // logged by the reload; the old certificates stay in use
                }
            });
        } catch (IllegalArgumentException e) {
            // no SIGHUP on this platform (or the JVM reserves it): rotateCertificates still works
        }
    }
}
