package io.jmongos.server.config;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The TLS and authentication options, with mongod's names (mixed into {@link CommandLineOptions}); null = unset. */
public final class TlsCommandLineOptions {
    @Option(names = "--auth", description = "require authentication (SCRAM-SHA-256/SHA-1) and authorization")
    Boolean auth;

    @Option(names = "--keyFile", paramLabel = "FILE",
            description = "the cluster's shared key (YAML: one key, or a list of two while rotating; base64 "
                    + "characters, 6 to 1024 once whitespace is removed; not open to group or others): routers, "
                    + "shard servers and the config server authenticate to each other as __system with "
                    + "SCRAM-SHA-256, and access control is on as with --auth")
    Path keyFile;

    @Option(names = "--tlsMode", paramLabel = "MODE",
            description = "disabled (default), allowTLS, preferTLS or requireTLS; on both ports (on the LB port TLS "
                    + "starts after the PROXY header)")
    String mode;

    @Option(names = "--tlsCertificateKeyFile", paramLabel = "FILE",
            description = "PEM file with the server certificate chain and its PKCS#8 private key")
    Path certificateKeyFile;

    @Option(names = "--tlsCertificateKeyFilePassword", paramLabel = "PASSWORD",
            description = "password of an encrypted private key in --tlsCertificateKeyFile")
    String certificateKeyFilePassword;

    @Option(names = "--tlsCAFile", paramLabel = "FILE",
            description = "PEM file of CA certificates; clients must then present a certificate signed by one")
    Path caFile;

    @Option(names = "--tlsAllowInvalidCertificates", description = "accept client certificates that do not verify")
    Boolean allowInvalidCertificates;

    @Option(names = "--tlsAllowConnectionsWithoutCertificates",
            description = "with --tlsCAFile, still accept clients that present no certificate")
    Boolean allowConnectionsWithoutCertificates;

    @Option(names = "--tlsClusterFile", paramLabel = "FILE",
            description = "PEM file (certificate chain and PKCS#8 key) this process presents when it connects to "
                    + "other cluster members (shards, the config server); default --tlsCertificateKeyFile. Those "
                    + "connections use TLS when --tlsMode is preferTLS or requireTLS")
    Path clusterFile;

    @Option(names = "--tlsClusterPassword", paramLabel = "PASSWORD",
            description = "password of an encrypted private key in --tlsClusterFile")
    String clusterPassword;

    @Option(names = "--tlsClusterCAFile", paramLabel = "FILE",
            description = "PEM file of CA certificates that validate the certificates of incoming connections "
                    + "(other members, clients) in place of --tlsCAFile, which then validates only the members this "
                    + "process connects to; requires --tlsCAFile")
    Path clusterCAFile;

    @Option(names = "--tlsAllowInvalidHostnames",
            description = "connections to other cluster members do not check that the member's certificate names "
                    + "the host connected to")
    Boolean allowInvalidHostnames;

    @Option(names = "--tlsDisabledProtocols", paramLabel = "LIST",
            description = "any of TLS1_0,TLS1_1,TLS1_2,TLS1_3, or none (default TLS1_0)")
    String disabledProtocols;
}
