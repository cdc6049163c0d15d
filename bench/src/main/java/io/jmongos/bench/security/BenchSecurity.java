package io.jmongos.bench.security;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;

import io.jmongos.router.auth.ScramClientAuthenticator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * TLS and authentication of the secured targets: a self-signed EC P-256 certificate for 127.0.0.1 and localhost
 * (valid two days), made with Bouncy Castle at the start of a run and written as the PEM file jmongos reads
 * (certificate, then the PKCS#8 key) and as the CA file clients trust; and the user the authenticating target has
 * (SCRAM-SHA-256 with jmongos' default 15,000 iterations, MongoDB's default).
 */
public final class BenchSecurity {
    /** The user the load generator creates on the auth target (root: every scenario may run). */
    public static final String USER = "bench";
    public static final String PASSWORD = "bench-password";
    public static final String USER_DB = "admin";
    /** How long the certificate is valid: longer than any run. */
    static final Duration VALIDITY = Duration.ofDays(2);

    private final Path certificateKeyFile;
    private final Path caFile;
    private final X509Certificate certificate;

    private BenchSecurity(Path certificateKeyFile, Path caFile, X509Certificate certificate) {
        this.certificateKeyFile = certificateKeyFile;
        this.caFile = caFile;
        this.certificate = certificate;
    }

    /** Make the certificate and its files in {@code dir}. */
    public static BenchSecurity create(Path dir) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=jmongos-bench");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)),
                    Date.from(now.plus(VALIDITY)), name, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            Path pem = dir.resolve("bench-server.pem");
            Path ca = dir.resolve("bench-ca.pem");
            Files.writeString(pem, pem(cert) + pem(new JcaPKCS8Generator(kp.getPrivate(), null)));
            Files.writeString(ca, pem(cert));
            return new BenchSecurity(pem, ca, cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the benchmark's certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    /** {@code --tlsCertificateKeyFile}. */
    public Path certificateKeyFile() {
        return certificateKeyFile;
    }

    /** The certificate alone, for clients to trust (and for holder processes: {@code --tls-ca}). */
    public Path caFile() {
        return caFile;
    }

    /** TLS for a driver client: trusts the certificate. */
    public void applyTls(MongoClientSettings.Builder b) {
        SSLContext ctx = driverContext();
        b.applyToSslSettings(s -> s.enabled(true).context(ctx));
    }

    /** The user's SCRAM-SHA-256 credential (the driver caches its salted password, as every driver does). */
    public static MongoCredential credential() {
        return MongoCredential.createScramSha256Credential(USER, USER_DB, PASSWORD.toCharArray());
    }

    /** The wire client's SCRAM-SHA-256 authenticator for the user (one salted-password cache per instance). */
    public static ScramClientAuthenticator authenticator() {
        return ScramClientAuthenticator.user(USER_DB, USER, PASSWORD);
    }

    /** A Netty client context trusting the certificate, for the wire client (raw connections). */
    public SslContext nettyClientContext() {
        return nettyClientContext(caFile);
    }

    /** A Netty client context trusting the certificates of {@code caFile} (holder processes read it). */
    public static SslContext nettyClientContext(Path caFile) {
        try {
            return SslContextBuilder.forClient().trustManager(caFile.toFile()).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    private SSLContext driverContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("bench", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }
}
