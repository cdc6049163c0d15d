package io.jmongos.router.frontend.tls;

import java.nio.file.Path;

/**
 * The TLS options of a member's links to other members (a router to its shards and config server, a shard server to
 * the config server), named as mongod names them. MongoDB's rules ({@code ssl_manager_openssl.cpp},
 * {@code initSSLContext}): an outgoing connection presents {@code tlsClusterFile}, or {@code tlsCertificateKeyFile}
 * without one; it validates the server it reached with {@code tlsCAFile}; {@code tlsClusterCAFile}, when given,
 * validates the certificates of <em>incoming</em> connections in place of {@code tlsCAFile}.
 *
 * @param clusterFile           {@code tlsClusterFile} / {@code net.tls.clusterFile}: PEM certificate and PKCS#8 key
 *                              presented on outgoing connections, or null
 * @param clusterPassword       {@code tlsClusterPassword} / {@code net.tls.clusterPassword}: password of an encrypted
 *                              key in the cluster file, or null
 * @param clusterCAFile         {@code tlsClusterCAFile} / {@code net.tls.clusterCAFile}: CA certificates that
 *                              incoming client certificates must chain to, or null
 * @param allowInvalidHostnames {@code tlsAllowInvalidHostnames} / {@code net.tls.allowInvalidHostnames}: an outgoing
 *                              connection does not check that the server's certificate names the host it dialled
 */
public record TlsClusterSettings(Path clusterFile, String clusterPassword, Path clusterCAFile,
                                 boolean allowInvalidHostnames) {
    /** None of the cluster options. */
    public static final TlsClusterSettings NONE = new TlsClusterSettings(null, null, null, false);
}
