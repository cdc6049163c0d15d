package io.jmongos.server.config;

import java.nio.file.Path;
import java.util.Set;

import io.jmongos.router.frontend.tls.TlsClusterSettings;
import io.jmongos.router.frontend.tls.TlsMode;
import io.jmongos.router.frontend.tls.TlsProtocols;
import io.jmongos.router.frontend.tls.TlsSettings;
import io.jmongos.server.StartupException;

/** Merges the TLS and auth command line options over the {@code net.tls.*} and {@code security.*} config keys. */
final class TlsOptionsParser {
    /** The config file keys (mongod.conf names). */
    static final Set<String> KEYS = Set.of("net.tls.mode", "net.tls.certificateKeyFile",
            "net.tls.certificateKeyFilePassword", "net.tls.CAFile", "net.tls.allowInvalidCertificates",
            "net.tls.allowConnectionsWithoutCertificates", "net.tls.disabledProtocols", "net.tls.clusterFile",
            "net.tls.clusterPassword", "net.tls.clusterCAFile", "net.tls.allowInvalidHostnames",
            "security.authorization", "security.keyFile");

    private TlsOptionsParser() {
    }

    static TlsSettings parse(TlsCommandLineOptions o, ConfigFile cfg, ParsedOptions parsed) {
        try {
            String modeText = first(o.mode, cfg.string("net.tls.mode"));
            TlsMode mode = modeText == null ? TlsMode.DISABLED : TlsMode.parse(modeText);
            Path keyFile = o.certificateKeyFile != null ? o.certificateKeyFile
                    : path(cfg.string("net.tls.certificateKeyFile"));
            String password = first(o.certificateKeyFilePassword, cfg.string("net.tls.certificateKeyFilePassword"));
            Path caFile = o.caFile != null ? o.caFile : path(cfg.string("net.tls.CAFile"));
            boolean allowInvalid = bool(o.allowInvalidCertificates, cfg.bool("net.tls.allowInvalidCertificates"));
            boolean allowWithout = bool(o.allowConnectionsWithoutCertificates,
                    cfg.bool("net.tls.allowConnectionsWithoutCertificates"));
            String protocols = first(o.disabledProtocols, cfg.string("net.tls.disabledProtocols"));
            Set<String> disabled = protocols == null ? TlsProtocols.DEFAULT_DISABLED : TlsProtocols.parse(protocols);
            if (modeText != null) {
                parsed.put("net.tls.mode", mode.optionValue());
            }
            if (keyFile != null) {
                parsed.put("net.tls.certificateKeyFile", keyFile.toString());
            }
            if (password != null) {
                parsed.put("net.tls.certificateKeyFilePassword", "<password>");
            }
            if (caFile != null) {
                parsed.put("net.tls.CAFile", caFile.toString());
            }
            if (allowInvalid) {
                parsed.put("net.tls.allowInvalidCertificates", true);
            }
            if (allowWithout) {
                parsed.put("net.tls.allowConnectionsWithoutCertificates", true);
            }
            if (protocols != null) {
                parsed.put("net.tls.disabledProtocols", protocols);
            }
            return new TlsSettings(mode, keyFile, password, caFile, allowInvalid, allowWithout, disabled,
                    cluster(o, cfg, parsed));
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /** The cluster options ({@code --tlsClusterFile} ...) over their {@code net.tls.*} keys. */
    private static TlsClusterSettings cluster(TlsCommandLineOptions o, ConfigFile cfg, ParsedOptions parsed) {
        Path clusterFile = o.clusterFile != null ? o.clusterFile : path(cfg.string("net.tls.clusterFile"));
        String clusterPassword = first(o.clusterPassword, cfg.string("net.tls.clusterPassword"));
        Path clusterCa = o.clusterCAFile != null ? o.clusterCAFile : path(cfg.string("net.tls.clusterCAFile"));
        boolean invalidHostnames = bool(o.allowInvalidHostnames, cfg.bool("net.tls.allowInvalidHostnames"));
        if (clusterFile != null) {
            parsed.put("net.tls.clusterFile", clusterFile.toString());
        }
        if (clusterPassword != null) {
            parsed.put("net.tls.clusterPassword", "<password>");
        }
        if (clusterCa != null) {
            parsed.put("net.tls.clusterCAFile", clusterCa.toString());
        }
        if (invalidHostnames) {
            parsed.put("net.tls.allowInvalidHostnames", true);
        }
        return new TlsClusterSettings(clusterFile, clusterPassword, clusterCa, invalidHostnames);
    }

    /** {@code --auth} over {@code security.authorization: enabled|disabled}. */
    static boolean authorization(TlsCommandLineOptions o, ConfigFile cfg, ParsedOptions parsed) {
        boolean on;
        if (o.auth != null) {
            on = o.auth;
        } else {
            String v = cfg.string("security.authorization");
            if (v != null && !v.equals("enabled") && !v.equals("disabled")) {
                throw new StartupException("Bad value for security.authorization: '" + v
                        + "' (expected enabled or disabled)");
            }
            on = "enabled".equals(v);
        }
        if (on) {
            parsed.put("security.authorization", "enabled");
        }
        return on;
    }

    /** {@code --keyFile} over {@code security.keyFile}, or null; the file is read at start. */
    static Path keyFile(TlsCommandLineOptions o, ConfigFile cfg, ParsedOptions parsed) {
        Path file = o.keyFile != null ? o.keyFile : path(cfg.string("security.keyFile"));
        if (file != null) {
            parsed.put("security.keyFile", file.toString());
        }
        return file;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static boolean bool(Boolean a, Boolean b) {
        return a != null ? a : b != null && b;
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }
}
