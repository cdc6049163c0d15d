package io.jmongos.wire.client;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;

/**
 * Words for a failed TLS handshake of an outgoing connection, so that the one line an operator reads names the
 * cause and the option that governs it (mongod's option names: this client serves a member's links to other
 * members): a server certificate that does not chain to a trusted CA, one that does not name the host dialled, or a
 * server that refused this side's certificate.
 */
final class TlsHandshakeFailures {
    /** Substrings of the JDK's and Netty's host name mismatch messages (sun.security.util.HostnameChecker). */
    private static final String[] NAME_MISMATCH = {"no subject alternative", "no name matching",
        "hostname verification"};
    /** TLS alerts a server sends when it refuses the client's certificate (RFC 8446 section 6.2). */
    private static final String[] REFUSED_CLIENT_CERTIFICATE = {"certificate_required", "bad_certificate",
        "unknown_ca", "certificate_unknown", "access_denied"};

    private TlsHandshakeFailures() {
    }

    /** "TLS handshake failed: reason (hint)" for a handshake with {@code host} that failed with {@code cause}. */
    static String describe(Throwable cause, String host) {
        return "TLS handshake failed: " + rootMessage(cause) + hint(cause, host);
    }

    /** The hint for {@code cause}, with a leading space, or "" when it names none of the known causes. */
    static String hint(Throwable cause, String host) {
        String text = chainText(cause);
        if (has(cause, CertPathBuilderException.class) || has(cause, CertPathValidatorException.class)
                || text.contains("pkix path")) {
            return " (the certificate of " + host + " is not trusted: is its CA in tlsCAFile?)";
        }
        for (String s : NAME_MISMATCH) {
            if (text.contains(s)) {
                return " (the certificate of " + host + " does not name " + host
                        + "; tlsAllowInvalidHostnames skips this check)";
            }
        }
        for (String s : REFUSED_CLIENT_CERTIFICATE) {
            if (text.contains(s)) {
                return " (" + host + " refused this process's certificate: is tlsClusterFile, or "
                        + "tlsCertificateKeyFile without it, signed by a CA it trusts?)";
            }
        }
        return "";
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String chainText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c.getMessage()).append(' ');
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
